package vn.pakn.opendata;

import java.util.function.Function;

/**
 * A CSV column: its field description and how a row yields its value. The header, the cells and
 * datapackage.json's schema all come from the same list of columns, so they cannot disagree.
 *
 * @param value the cell's value for a row, of a Java type the field's type accepts, or null for an empty cell
 */
public record Column<R>(Field field, Function<R, ?> value) {

    public String name() {
        return field.name();
    }

    /** The cell's text; fails when the value is not what the field's type promises. */
    String cell(R row) {
        return Csv.format(field, value.apply(row));
    }
}
