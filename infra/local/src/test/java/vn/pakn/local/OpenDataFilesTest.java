package vn.pakn.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class OpenDataFilesTest {

    @Test
    void pathUnderThePrefix_isTheObjectKey() {
        assertEquals("open-data/complaints.csv", OpenDataFiles.key("/open-data/complaints.csv"));
        assertEquals("open-data/stats/daily.json", OpenDataFiles.key("/open-data/stats/daily.json"));
        assertEquals("open-data/a b.csv", OpenDataFiles.key("/open-data/a%20b.csv"));
    }

    @Test
    void pathsThatCouldReachOtherKeys_areNotFound() {
        for (String path : new String[] {"/open-data/../photos/original/x.jpg", "/open-data/%2e%2e/photos/x.jpg",
                "/open-data/./complaints.csv", "/open-data//complaints.csv", "/open-data/", "/open-data/a\\b",
                "/open-data/%5C..%5Cx", "/open-data/%0Ax", "/photos/x.jpg", "/open-data/%zz"}) {
            assertNull(OpenDataFiles.key(path), path);
        }
    }

    @Test
    void contentType_isWhatThePublisherStored_elseByExtension() {
        assertEquals("text/csv; charset=utf-8", OpenDataFiles.contentType("open-data/x.csv", "text/csv; charset=utf-8"));
        assertEquals("text/csv; charset=utf-8", OpenDataFiles.contentType("open-data/x.csv", null));
        assertEquals("application/json; charset=utf-8", OpenDataFiles.contentType("open-data/x.json", "binary/octet-stream"));
        assertEquals("application/octet-stream", OpenDataFiles.contentType("open-data/x.parquet", ""));
    }
}
