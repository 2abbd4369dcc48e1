package dev.hopper.producers.generate;

import dev.hopper.avro.Customer;
import dev.hopper.avro.CustomerSegment;
import dev.hopper.avro.Product;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The synthetic shop: products over the 7 categories of the public dataset, with names, brands and
 * INR list prices in realistic per-category ranges, and customers with city, country, segment and
 * signup date (no personal data). Popularity is skewed: a few products and the VIP customers
 * account for many orders.
 */
public final class Catalog {

  /** The 7 categories of the public e-commerce dataset. */
  public static final List<String> CATEGORIES =
      List.of("Electronics", "Clothing", "Books", "Home & Kitchen", "Beauty", "Sports", "Toys");

  private record CategoryInfo(
      String name, double minPrice, double maxPrice, List<String> items, List<String> brands) {}

  private static final List<CategoryInfo> INFO =
      List.of(
          new CategoryInfo(
              "Electronics",
              499,
              79_999,
              List.of(
                  "Wireless Earbuds",
                  "Smartphone",
                  "Bluetooth Speaker",
                  "Laptop",
                  "Smartwatch",
                  "Power Bank",
                  "LED Monitor",
                  "Tablet",
                  "Action Camera",
                  "Router"),
              List.of("Voltrix", "Nexora", "Auralis", "Kirra", "Zentek")),
          new CategoryInfo(
              "Clothing",
              249,
              4_999,
              List.of(
                  "Cotton Kurta",
                  "Denim Jacket",
                  "Linen Shirt",
                  "Running Shorts",
                  "Wool Sweater",
                  "Saree",
                  "Chinos",
                  "Hoodie",
                  "Rain Jacket",
                  "Polo T-Shirt"),
              List.of("Tanvi", "Northloom", "Urbane Thread", "Kesar", "Driftwear")),
          new CategoryInfo(
              "Books",
              99,
              1_499,
              List.of(
                  "Mystery Novel",
                  "Cookbook",
                  "Poetry Collection",
                  "Science Primer",
                  "Atlas",
                  "Biography",
                  "Fantasy Saga",
                  "Study Guide",
                  "Graphic Novel",
                  "Travel Guide"),
              List.of("Lotus Press", "Inkwell", "Banyan Books", "Papertrail", "Quillhouse")),
          new CategoryInfo(
              "Home & Kitchen",
              199,
              14_999,
              List.of(
                  "Pressure Cooker",
                  "Mixer Grinder",
                  "Non-stick Pan",
                  "Bedsheet Set",
                  "Table Lamp",
                  "Water Purifier",
                  "Storage Jars",
                  "Wall Clock",
                  "Air Fryer",
                  "Dinner Set"),
              List.of("Gharana", "Hearthly", "Casa Nova", "Kitchwise", "Sundaram")),
          new CategoryInfo(
              "Beauty",
              99,
              2_999,
              List.of(
                  "Face Wash",
                  "Hair Oil",
                  "Sunscreen",
                  "Lipstick",
                  "Moisturiser",
                  "Perfume",
                  "Shampoo",
                  "Kajal",
                  "Face Serum",
                  "Beard Trimmer"),
              List.of("Mira Glow", "Veda Roots", "Lumiere", "Saffira", "Purely")),
          new CategoryInfo(
              "Sports",
              199,
              9_999,
              List.of(
                  "Cricket Bat",
                  "Yoga Mat",
                  "Football",
                  "Badminton Racket",
                  "Dumbbell Set",
                  "Running Shoes",
                  "Cycling Helmet",
                  "Skipping Rope",
                  "Tennis Balls",
                  "Gym Bag"),
              List.of("Striker", "Kinetiq", "Playfield", "Apex Motion", "Vayu Sports")),
          new CategoryInfo(
              "Toys",
              149,
              3_999,
              List.of(
                  "Building Blocks",
                  "Puzzle",
                  "Remote Car",
                  "Doll House",
                  "Board Game",
                  "Soft Toy",
                  "Kite",
                  "Science Kit",
                  "Train Set",
                  "Art Set"),
              List.of("Tinker Tots", "Funverse", "Chhota Champ", "Wonderbox", "Playnest")));

  private record City(String name, String country, int weight) {}

  private static final List<City> CITIES =
      List.of(
          new City("Mumbai", "IN", 14),
          new City("Delhi", "IN", 14),
          new City("Bengaluru", "IN", 12),
          new City("Hyderabad", "IN", 8),
          new City("Chennai", "IN", 8),
          new City("Kolkata", "IN", 7),
          new City("Pune", "IN", 6),
          new City("Ahmedabad", "IN", 5),
          new City("Jaipur", "IN", 4),
          new City("Lucknow", "IN", 3),
          new City("Kochi", "IN", 3),
          new City("Chandigarh", "IN", 2),
          new City("Singapore", "SG", 4),
          new City("Dubai", "AE", 4),
          new City("London", "GB", 3),
          new City("New York", "US", 2),
          new City("Toronto", "CA", 1));

  private final List<Product> products;
  private final List<List<Product>> byCategory;
  private final List<Customer> customers;
  private final double[] customerWeights;
  private final Set<String> productIds = new HashSet<>();
  private final Set<String> customerIds = new HashSet<>();

  private Catalog(
      List<Product> products, List<List<Product>> byCategory, List<Customer> customers) {
    this.products = Collections.unmodifiableList(products);
    this.byCategory = byCategory;
    this.customers = Collections.unmodifiableList(customers);
    this.customerWeights = new double[customers.size()];
    double sum = 0;
    for (int i = 0; i < customers.size(); i++) {
      CustomerSegment s = customers.get(i).getSegment();
      sum += s == CustomerSegment.VIP ? 5 : s == CustomerSegment.REGULAR ? 2 : 1;
      customerWeights[i] = sum;
    }
    products.forEach(p -> productIds.add(p.getProductId()));
    customers.forEach(c -> customerIds.add(c.getCustomerId()));
  }

  /** Builds the catalog of {@code config}, stamped {@code updatedAt}. */
  static Catalog build(GeneratorConfig config, SplittableRandom random, Instant updatedAt) {
    List<Product> products = new ArrayList<>(config.products());
    List<List<Product>> byCategory = new ArrayList<>();
    CATEGORIES.forEach(c -> byCategory.add(new ArrayList<>()));
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < config.products(); i++) {
      // Every category gets products even in a small catalog; then random categories.
      int cat = i < CATEGORIES.size() ? i : random.nextInt(CATEGORIES.size());
      CategoryInfo info = INFO.get(cat);
      String id;
      do {
        id = hex(random, 8) + "-" + hex(random, 1);
      } while (!ids.add(id));
      double logPrice =
          Math.log(info.minPrice)
              + random.nextDouble() * (Math.log(info.maxPrice) - Math.log(info.minPrice));
      BigDecimal price =
          BigDecimal.valueOf(Math.round(Math.exp(logPrice)))
              .subtract(new BigDecimal("0.01"))
              .max(new BigDecimal("0.99"))
              .setScale(2, RoundingMode.HALF_EVEN);
      String brand = info.brands.get(random.nextInt(info.brands.size()));
      String item = info.items.get(random.nextInt(info.items.size()));
      Product p =
          Product.newBuilder()
              .setProductId(id)
              .setCategory(info.name)
              .setName(brand + " " + item + " " + (char) ('A' + random.nextInt(26)) + (100 + i))
              .setBrand(brand)
              .setListPrice(price)
              .setCurrency("INR")
              .setUpdatedAt(updatedAt)
              .build();
      products.add(p);
      byCategory.get(cat).add(p);
    }
    int cityWeights = CITIES.stream().mapToInt(City::weight).sum();
    LocalDate today = LocalDate.ofInstant(updatedAt, ZoneOffset.UTC);
    List<Customer> customers = new ArrayList<>(config.customers());
    Set<String> customerIds = new HashSet<>();
    for (int i = 0; i < config.customers(); i++) {
      String id;
      do {
        id = hex(random, 8);
      } while (!customerIds.add(id));
      int pick = random.nextInt(cityWeights);
      City city = CITIES.get(0);
      for (City c : CITIES) {
        pick -= c.weight;
        if (pick < 0) {
          city = c;
          break;
        }
      }
      double s = random.nextDouble();
      CustomerSegment segment =
          s < 0.30 ? CustomerSegment.NEW : s < 0.85 ? CustomerSegment.REGULAR : CustomerSegment.VIP;
      int daysAgo = segment == CustomerSegment.NEW ? random.nextInt(90) : 90 + random.nextInt(1500);
      customers.add(
          Customer.newBuilder()
              .setCustomerId(id)
              .setCity(city.name)
              .setCountry(city.country)
              .setSegment(segment)
              .setSignupDate(today.minusDays(daysAgo))
              .build());
    }
    return new Catalog(products, byCategory, customers);
  }

  static String hex(SplittableRandom random, int digits) {
    StringBuilder sb = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  /** Every product. */
  public List<Product> products() {
    return products;
  }

  /** Every customer. */
  public List<Customer> customers() {
    return customers;
  }

  /** A product, popular ones more often. */
  Product pickProduct(SplittableRandom random) {
    int i = (int) (products.size() * Math.pow(random.nextDouble(), 1.8));
    return products.get(Math.min(i, products.size() - 1));
  }

  /** A product of one category (for trailers), or null when the category has none. */
  Product firstOf(String category) {
    List<Product> list = byCategory.get(CATEGORIES.indexOf(category));
    return list.isEmpty() ? null : list.get(0);
  }

  /** A customer, VIPs five times and regulars twice as often as new ones. */
  Customer pickCustomer(SplittableRandom random) {
    double x = random.nextDouble() * customerWeights[customerWeights.length - 1];
    int lo = 0;
    int hi = customerWeights.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (customerWeights[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return customers.get(lo);
  }

  /** Whether a product id is in the catalog. */
  boolean hasProduct(String id) {
    return productIds.contains(id);
  }

  /** Whether a customer id exists. */
  boolean hasCustomer(String id) {
    return customerIds.contains(id);
  }
}
