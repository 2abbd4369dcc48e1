package dev.hopper.streams.query;

import dev.hopper.avro.CategorySales;

/**
 * One sales-by-category window read from the sales store.
 *
 * @param sales the aggregate so far
 * @param isFinal whether the window has closed and been emitted: its values will not change
 */
public record SalesWindow(CategorySales sales, boolean isFinal) {}
