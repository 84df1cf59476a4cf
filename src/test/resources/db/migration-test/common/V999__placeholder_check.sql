-- Test only: a migration written once for both databases, with every placeholder of db/migration/common.
CREATE TABLE placeholder_check (
    id       ${uuid} PRIMARY KEY,
    seq      ${identity},
    note     ${text} NOT NULL,
    payload  ${json},
    noted_at ${timestamp} NOT NULL
);
