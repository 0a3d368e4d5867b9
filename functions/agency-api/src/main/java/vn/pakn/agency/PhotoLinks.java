package vn.pakn.agency;

import com.fasterxml.jackson.databind.node.ArrayNode;
import vn.pakn.domain.complaint.Complaint;

/**
 * Port: the complaint's photos with fresh short-lived links to the originals, in the shape of the
 * assignment message ({@code AssignmentMessages#photos}).
 */
@FunctionalInterface
public interface PhotoLinks {
    ArrayNode photos(Complaint complaint);
}
