package vn.pakn.admin;

import java.util.List;
import vn.pakn.domain.complaint.Status;

/** Port: the open complaints an agency holds in one status, as its inbox index lists them. */
public interface OpenComplaints {

    /** @param areaCode null for a complaint located by coordinates only */
    record Entry(String complaintId, String areaCode) {
    }

    /** Every entry, all pages; the index may trail the table by a moment, so callers re-read. */
    List<Entry> inInbox(String agencyId, Status status);
}
