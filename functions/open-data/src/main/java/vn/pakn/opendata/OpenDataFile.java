package vn.pakn.opendata;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/**
 * One file of the open-data set. Each is written on its own (one failing does not keep the
 * others from being published) and listed in datapackage.json from its {@link #resource()}. To
 * publish another file, implement this (or build a {@link CsvFile}) and add it to
 * {@link OpenDataFactory#files}.
 */
public interface OpenDataFile {

    /** How datapackage.json lists it; its path under {@code open-data/}. */
    DataResource resource();

    /**
     * Writes the whole file and flushes; must not close {@code out}. Nothing is visible to readers
     * until this returns: the previous version stays in place if it throws.
     *
     * @param generatedAt the publishing run's time, the same for every file of a run
     * @return the records written (data rows of a CSV, entries of a JSON list), listed in datapackage.json
     */
    long writeTo(OutputStream out, Instant generatedAt) throws IOException;
}
