-- The names a person went by before (Person::former_names): the name they had when the
-- user renamed them, and the names of the people merged into them. An import matches on
-- them as on the current name, so a file that still has an old name finds the person.
CREATE TABLE person_former_names (
    owner_id   UUID NOT NULL REFERENCES owners(id) ON DELETE CASCADE,
    person_id  UUID NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    position   BIGINT NOT NULL,
    PRIMARY KEY (person_id, name)
);
CREATE INDEX person_former_names_by_owner ON person_former_names (owner_id);

-- Merges made before this migration (and not undone): the absorbed person's name becomes
-- a former name of the kept person, if they are still there.
INSERT INTO person_former_names (owner_id, person_id, name, position)
SELECT m.owner_id, m.kept_id, m.absorbed_json::json ->> 'name',
       ROW_NUMBER() OVER (PARTITION BY m.kept_id ORDER BY m.number)
FROM merges m JOIN people p ON p.id = m.kept_id
WHERE m.undone_at IS NULL
  AND lower(m.absorbed_json::json ->> 'name') <> lower(p.name)
ON CONFLICT (person_id, name) DO NOTHING;

-- Their search document names them by the former names too (a person's document starts
-- with their name; the former names follow it, as kith writes them from now on).
UPDATE search_docs
SET body = (SELECT p.name || ' · ' ||
                   (SELECT string_agg(f.name, ' · ' ORDER BY f.position)
                    FROM person_former_names f WHERE f.person_id = p.id) ||
                   substr(search_docs.body, length(p.name) + 1)
            FROM people p WHERE p.id = search_docs.doc_id)
WHERE doc_kind = 'person'
  AND doc_id IN (SELECT person_id FROM person_former_names);
