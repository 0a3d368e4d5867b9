package vn.pakn.agency;

import java.time.Instant;
import java.util.List;
import vn.pakn.domain.complaint.Actor;
import vn.pakn.domain.complaint.Channel;
import vn.pakn.domain.complaint.CitizenSecret;
import vn.pakn.domain.complaint.Complaint;
import vn.pakn.domain.complaint.ComplaintEvent;
import vn.pakn.domain.complaint.GeoPoint;
import vn.pakn.domain.complaint.Ids;
import vn.pakn.domain.complaint.Photo;
import vn.pakn.domain.complaint.PhotoStatus;
import vn.pakn.domain.complaint.Reporter;
import vn.pakn.domain.complaint.Status;
import vn.pakn.domain.complaint.TrackingCode;
import vn.pakn.domain.intake.NewComplaint;

/** Complaints as the citizen API stores them, with personal data the agency views must carry and logs must not. */
final class TestComplaints {
    static final String REPORTER_NAME = "Trần Thị Bích";
    static final String REPORTER_PHONE = "0987654321";
    static final String REPORTER_EMAIL = "bich@example.vn";
    static final String DESCRIPTION = "Quán karaoke số 12 Nguyễn Trãi hát sau 23 giờ";
    static final GeoPoint LOCATION = new GeoPoint(21.186143, 106.076337);

    private TestComplaints() {
    }

    static NewComplaint received(String category, String area, Instant at) {
        String id = Ids.newId(at);
        String photoId = Ids.newId(at);
        Complaint c = new Complaint(id, TrackingCode.generate(), Status.RECEIVED, 1, category, area, LOCATION,
                DESCRIPTION, List.of(new Photo(photoId, "image/jpeg", PhotoStatus.ACCEPTED, null)),
                new Reporter(REPORTER_NAME, REPORTER_PHONE, REPORTER_EMAIL), true, Channel.MOBILE, at, at,
                CitizenSecret.hash("citizen-secret"));
        ComplaintEvent first = new ComplaintEvent(id, 1, ComplaintEvent.RECEIVED, null, Status.RECEIVED,
                Actor.citizen(Channel.MOBILE), at, null);
        return new NewComplaint(c, first, List.of(), null);
    }
}
