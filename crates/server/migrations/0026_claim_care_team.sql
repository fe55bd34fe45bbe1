-- The clinicians on a claim (issue 16): who performed the service, attended
-- in hospital, or wrote the prescription, with their individual NPI. The
-- billing provider stays on `claims`. For the EOB's careTeam and the
-- Practitioner resources of the FHIR output.
CREATE TABLE claim_care_team (
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    sequence INTEGER NOT NULL,
    role TEXT NOT NULL,
    npi TEXT NOT NULL,
    family_name TEXT NOT NULL,
    given_name TEXT NOT NULL,
    credential TEXT NOT NULL,
    PRIMARY KEY (claim_id, sequence)
);
