package vn.pakn.domain.intake;

import java.util.Optional;

/** Port: upload slots and their check results. */
public interface UploadRepository {
    void create(Upload upload);

    Optional<Upload> find(String uploadId);
}
