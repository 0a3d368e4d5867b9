package vn.pakn.opendata;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A CSV file whose header, cells and Table Schema all come from one list of {@link Column}s. Rows
 * are streamed from their source to the output as they come: a file of a million rows never
 * sits in memory.
 */
public final class CsvFile<R> implements OpenDataFile {

    /**
     * Where the rows come from: calls the consumer once per row, from one thread at a time.
     * Given the run's time, for sources that depend on it.
     */
    @FunctionalInterface
    public interface Rows<R> extends BiConsumer<Instant, Consumer<R>> {
    }

    private final DataResource resource;
    private final List<Column<R>> columns;
    private final Rows<R> rows;

    /**
     * @param primaryKey the columns identifying a row (Table Schema {@code primaryKey}); empty for none
     */
    public CsvFile(String name, String path, String title, String description, List<Column<R>> columns,
                   List<String> primaryKey, Rows<R> rows) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.resource = new DataResource(name, path, title, description, "csv", "text/csv", "utf-8",
                new DataResource.Schema(this.columns.stream().map(Column::field).toList(), primaryKey));
    }

    @Override
    public DataResource resource() {
        return resource;
    }

    public List<Column<R>> columns() {
        return columns;
    }

    public List<String> header() {
        return columns.stream().map(Column::name).toList();
    }

    @Override
    public long writeTo(OutputStream out, Instant generatedAt) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write(Csv.BYTE_ORDER_MARK);
        Csv.writeRow(writer, header());
        long[] count = {0};
        try {
            rows.accept(generatedAt, row -> {
                try {
                    Csv.writeRow(writer, cells(row));
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
        return count[0];
    }

    /** One row's cells, in column order. */
    public List<String> cells(R row) {
        List<String> cells = new ArrayList<>(columns.size());
        for (Column<R> column : columns) {
            cells.add(column.cell(row));
        }
        return cells;
    }
}
