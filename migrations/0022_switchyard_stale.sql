-- Switchyard documents made stale by a write, recorded in the write's own transaction (issue 14).
--
-- The switchyard's persistent FTS5 indexes (registry/switchyard/fts-index.ts, index-build.ts) hold
-- composite documents: a resource's document holds its row, its public referents' skills, bio and
-- notes, its usage notes, its wiki page, its outcomes; a person's holds skills, bio, themes,
-- referent notes, outcomes; and so on (index-build.ts). The triggers below record, whatever the
-- write path (REST, CLI, imports, co-editing, MediaWiki import, another process), which (index,
-- document key) pairs a write may have changed: the next build re-analyses those and no other
-- (SwitchyardService), then empties the tables in its own transaction. Marking too much costs a
-- hash; missing one is a bug (LC_SWITCHYARD_VERIFY=1 hashes every document and logs any change
-- that was not marked).
--
-- Indexes and keys: resources, context, missed (resource slug), people, skills (person slug),
-- pages (page slug), words ('r:' resource slug, 'p:' person slug, 'u:' and 'n:' resource slug for
-- usage and referent notes, 'w:' page slug). The key '*' of index '*' asks for a full hash pass.
CREATE TABLE switchyard_stale (
  ix  TEXT NOT NULL,
  key TEXT NOT NULL,
  PRIMARY KEY (ix, key)
) WITHOUT ROWID;

-- Wiki pages whose text changed since the last build, with their text as the build saw it (NULL:
-- not a live page then). Which resources' context documents a page feeds (the passages that name
-- them) is decided at build time from the old and the new text by the build's own whole-word
-- matching on the plain text (index-build.ts): SQLite's lower() folds ASCII only and the plain text
-- differs from the markdown, so an instr() in SQL could miss a name. Inserting nothing on conflict keeps the
-- first text recorded since the last build, the one the indexes hold.
--
-- Every insert below says ON CONFLICT DO NOTHING rather than INSERT OR IGNORE: the conflict policy of
-- the statement that fires a trigger (an upsert's, an INSERT OR REPLACE's) overrides an OR clause
-- inside the trigger, not an upsert clause.
CREATE TABLE switchyard_stale_pages (
  page_id  INTEGER PRIMARY KEY,
  markdown TEXT
);

-- Everything is checked once after this migration: the indexes were built before any trigger.
INSERT INTO switchyard_stale (ix, key) VALUES ('*', '*');

-- Resources: their own document in every resource-keyed index and their words; a slug change
-- (old and new keys) also moves their usage and referent notes.
CREATE TRIGGER switchyard_stale_resource_insert AFTER INSERT ON resources BEGIN
  INSERT INTO switchyard_stale (ix, key) VALUES
    ('resources', new.slug), ('context', new.slug), ('missed', new.slug),
    ('words', 'r:' || new.slug), ('words', 'u:' || new.slug), ('words', 'n:' || new.slug)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER switchyard_stale_resource_update AFTER UPDATE ON resources
  WHEN old.slug IS NOT new.slug OR old.name IS NOT new.name OR old.kind IS NOT new.kind
    OR old.summary IS NOT new.summary OR old.description IS NOT new.description
    OR old.features IS NOT new.features OR old.themes IS NOT new.themes
    OR old.keywords IS NOT new.keywords OR old.license IS NOT new.license
    OR old.license_flag IS NOT new.license_flag OR old.challenge IS NOT new.challenge
    OR old.wiki_page IS NOT new.wiki_page BEGIN
  INSERT INTO switchyard_stale (ix, key) VALUES
    ('resources', old.slug), ('context', old.slug), ('missed', old.slug),
    ('words', 'r:' || old.slug), ('words', 'u:' || old.slug), ('words', 'n:' || old.slug),
    ('resources', new.slug), ('context', new.slug), ('missed', new.slug),
    ('words', 'r:' || new.slug), ('words', 'u:' || new.slug), ('words', 'n:' || new.slug)
    ON CONFLICT DO NOTHING;
END;

-- BEFORE: the resource's usages and referents are still there (cascades delete them).
CREATE TRIGGER switchyard_stale_resource_delete BEFORE DELETE ON resources BEGIN
  INSERT INTO switchyard_stale (ix, key) VALUES
    ('resources', old.slug), ('context', old.slug), ('missed', old.slug),
    ('words', 'r:' || old.slug), ('words', 'u:' || old.slug), ('words', 'n:' || old.slug)
    ON CONFLICT DO NOTHING;
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'people', p.slug FROM referents x JOIN people p ON p.id = x.person_id
    WHERE x.resource_id = old.id
    ON CONFLICT DO NOTHING;
END;

-- People: their documents, and the resources they are a referent of (a resource's document holds
-- its referents' skills and bio; visibility decides whether the referent counts; the slug orders
-- the referents).
CREATE TRIGGER switchyard_stale_person_insert AFTER INSERT ON people BEGIN
  INSERT INTO switchyard_stale (ix, key) VALUES
    ('people', new.slug), ('skills', new.slug), ('words', 'p:' || new.slug)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER switchyard_stale_person_update AFTER UPDATE ON people
  WHEN old.slug IS NOT new.slug OR old.skills IS NOT new.skills OR old.bio IS NOT new.bio
    OR old.themes IS NOT new.themes OR old.contactable IS NOT new.contactable
    OR old.public IS NOT new.public OR old.id IS NOT new.id BEGIN
  INSERT INTO switchyard_stale (ix, key) VALUES
    ('people', old.slug), ('skills', old.slug), ('words', 'p:' || old.slug),
    ('people', new.slug), ('skills', new.slug), ('words', 'p:' || new.slug)
    ON CONFLICT DO NOTHING;
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'resources', r.slug FROM referents x JOIN resources r ON r.id = x.resource_id
    WHERE x.person_id IN (old.id, new.id)
    ON CONFLICT DO NOTHING;
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'words', 'n:' || r.slug FROM referents x JOIN resources r ON r.id = x.resource_id
    WHERE x.person_id IN (old.id, new.id)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER switchyard_stale_person_delete BEFORE DELETE ON people BEGIN
  INSERT INTO switchyard_stale (ix, key) VALUES
    ('people', old.slug), ('skills', old.slug), ('words', 'p:' || old.slug)
    ON CONFLICT DO NOTHING;
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'resources', r.slug FROM referents x JOIN resources r ON r.id = x.resource_id
    WHERE x.person_id = old.id
    ON CONFLICT DO NOTHING;
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'words', 'n:' || r.slug FROM referents x JOIN resources r ON r.id = x.resource_id
    WHERE x.person_id = old.id
    ON CONFLICT DO NOTHING;
END;

-- Referents: the resource's document (notes, the referent's skills and bio) and its 'n:' words,
-- the person's document (notes).
CREATE TRIGGER switchyard_stale_referent_insert AFTER INSERT ON referents BEGIN
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'resources', slug FROM resources WHERE id = new.resource_id
    UNION ALL SELECT 'words', 'n:' || slug FROM resources WHERE id = new.resource_id
    UNION ALL SELECT 'people', slug FROM people WHERE id = new.person_id
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER switchyard_stale_referent_update AFTER UPDATE ON referents BEGIN
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'resources', slug FROM resources WHERE id IN (old.resource_id, new.resource_id)
    UNION ALL SELECT 'words', 'n:' || slug FROM resources WHERE id IN (old.resource_id, new.resource_id)
    UNION ALL SELECT 'people', slug FROM people WHERE id IN (old.person_id, new.person_id)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER switchyard_stale_referent_delete AFTER DELETE ON referents BEGIN
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'resources', slug FROM resources WHERE id = old.resource_id
    UNION ALL SELECT 'words', 'n:' || slug FROM resources WHERE id = old.resource_id
    UNION ALL SELECT 'people', slug FROM people WHERE id = old.person_id
    ON CONFLICT DO NOTHING;
END;

-- Usages: the resource's document (notes of usages not stopped) and its 'u:' words.
CREATE TRIGGER switchyard_stale_usage_insert AFTER INSERT ON usages BEGIN
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'resources', slug FROM resources WHERE id = new.resource_id
    UNION ALL SELECT 'words', 'u:' || slug FROM resources WHERE id = new.resource_id
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER switchyard_stale_usage_update AFTER UPDATE ON usages BEGIN
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'resources', slug FROM resources WHERE id IN (old.resource_id, new.resource_id)
    UNION ALL SELECT 'words', 'u:' || slug FROM resources WHERE id IN (old.resource_id, new.resource_id)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER switchyard_stale_usage_delete AFTER DELETE ON usages BEGIN
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'resources', slug FROM resources WHERE id = old.resource_id
    UNION ALL SELECT 'words', 'u:' || slug FROM resources WHERE id = old.resource_id
    ON CONFLICT DO NOTHING;
END;

-- Places: usage notes are ordered by place slug within a resource.
CREATE TRIGGER switchyard_stale_place_update AFTER UPDATE OF slug ON places
  WHEN old.slug IS NOT new.slug BEGIN
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'resources', r.slug FROM usages u JOIN resources r ON r.id = u.resource_id
    WHERE u.place_id = new.id
    UNION ALL SELECT 'words', 'u:' || r.slug FROM usages u JOIN resources r ON r.id = u.resource_id
    WHERE u.place_id = new.id
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER switchyard_stale_place_delete BEFORE DELETE ON places BEGIN
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'resources', r.slug FROM usages u JOIN resources r ON r.id = u.resource_id
    WHERE u.place_id = old.id
    UNION ALL SELECT 'words', 'u:' || r.slug FROM usages u JOIN resources r ON r.id = u.resource_id
    WHERE u.place_id = old.id
    ON CONFLICT DO NOTHING;
END;

-- Wiki pages (live ones count): the page's documents, the resources whose wiki page it is (old
-- and new slug: a move), and the page's text as the last build saw it (context documents).
CREATE TRIGGER switchyard_stale_page_insert AFTER INSERT ON pages BEGIN
  INSERT INTO switchyard_stale (ix, key) VALUES ('pages', new.slug), ('words', 'w:' || new.slug)
    ON CONFLICT DO NOTHING;
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'resources', slug FROM resources WHERE wiki_page = new.slug
    ON CONFLICT DO NOTHING;
  INSERT INTO switchyard_stale_pages (page_id, markdown) VALUES (new.id, NULL)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER switchyard_stale_page_update AFTER UPDATE ON pages
  WHEN old.slug IS NOT new.slug OR old.title IS NOT new.title OR old.markdown IS NOT new.markdown
    OR old.deleted_at IS NOT new.deleted_at OR old.id IS NOT new.id BEGIN
  INSERT INTO switchyard_stale (ix, key) VALUES
    ('pages', old.slug), ('words', 'w:' || old.slug), ('pages', new.slug), ('words', 'w:' || new.slug)
    ON CONFLICT DO NOTHING;
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'resources', slug FROM resources WHERE wiki_page IN (old.slug, new.slug)
    ON CONFLICT DO NOTHING;
  INSERT INTO switchyard_stale_pages (page_id, markdown)
    VALUES (old.id, CASE WHEN old.deleted_at IS NULL THEN old.markdown END)
    ON CONFLICT DO NOTHING;
  INSERT INTO switchyard_stale_pages (page_id, markdown) VALUES (new.id, NULL)
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER switchyard_stale_page_delete AFTER DELETE ON pages BEGIN
  INSERT INTO switchyard_stale (ix, key) VALUES ('pages', old.slug), ('words', 'w:' || old.slug)
    ON CONFLICT DO NOTHING;
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'resources', slug FROM resources WHERE wiki_page = old.slug
    ON CONFLICT DO NOTHING;
  INSERT INTO switchyard_stale_pages (page_id, markdown)
    VALUES (old.id, CASE WHEN old.deleted_at IS NULL THEN old.markdown END)
    ON CONFLICT DO NOTHING;
END;

-- Outcomes of switchyard requests (the 5000 latest count, newest first: index-build.ts via
-- listOutcomes): the named resource's documents (helped: resources; did not help: missed) and
-- person's, for the row before and after the write; and the outcomes at the edge of the window,
-- which one more or one fewer outcome pushes out or brings in.
-- The documents of the outcomes at the edge of that window (the 5000th and 5001st newest), read
-- by each outcome trigger after its write.
CREATE VIEW switchyard_outcome_edge (ix, key) AS
  SELECT CASE k.n WHEN 0 THEN 'resources' WHEN 1 THEN 'missed' ELSE 'people' END,
    CASE k.n WHEN 2 THEN e.outcome_person ELSE e.outcome_resource END
  FROM (SELECT outcome_resource, outcome_person FROM switchyard_requests
    WHERE outcome_helped IS NOT NULL ORDER BY id DESC LIMIT 2 OFFSET 4999) AS e,
    (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2) AS k
  WHERE (CASE k.n WHEN 2 THEN e.outcome_person ELSE e.outcome_resource END) IS NOT NULL;

CREATE TRIGGER switchyard_stale_outcome_insert AFTER INSERT ON switchyard_requests
  WHEN new.outcome_helped IS NOT NULL BEGIN
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'resources', new.outcome_resource WHERE new.outcome_resource IS NOT NULL
    UNION ALL SELECT 'missed', new.outcome_resource WHERE new.outcome_resource IS NOT NULL
    UNION ALL SELECT 'people', new.outcome_person WHERE new.outcome_person IS NOT NULL
    ON CONFLICT DO NOTHING;
  INSERT INTO switchyard_stale (ix, key) SELECT ix, key FROM switchyard_outcome_edge WHERE true
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER switchyard_stale_outcome_update AFTER UPDATE ON switchyard_requests
  WHEN old.outcome_helped IS NOT new.outcome_helped OR old.outcome_resource IS NOT new.outcome_resource
    OR old.outcome_person IS NOT new.outcome_person
    OR ((old.outcome_helped IS NOT NULL OR new.outcome_helped IS NOT NULL)
      AND (old.problem IS NOT new.problem OR old.id IS NOT new.id)) BEGIN
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'resources', old.outcome_resource WHERE old.outcome_resource IS NOT NULL
    UNION ALL SELECT 'missed', old.outcome_resource WHERE old.outcome_resource IS NOT NULL
    UNION ALL SELECT 'people', old.outcome_person WHERE old.outcome_person IS NOT NULL
    UNION ALL SELECT 'resources', new.outcome_resource WHERE new.outcome_resource IS NOT NULL
    UNION ALL SELECT 'missed', new.outcome_resource WHERE new.outcome_resource IS NOT NULL
    UNION ALL SELECT 'people', new.outcome_person WHERE new.outcome_person IS NOT NULL
    ON CONFLICT DO NOTHING;
  INSERT INTO switchyard_stale (ix, key) SELECT ix, key FROM switchyard_outcome_edge WHERE true
    ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER switchyard_stale_outcome_delete AFTER DELETE ON switchyard_requests
  WHEN old.outcome_helped IS NOT NULL BEGIN
  INSERT INTO switchyard_stale (ix, key)
    SELECT 'resources', old.outcome_resource WHERE old.outcome_resource IS NOT NULL
    UNION ALL SELECT 'missed', old.outcome_resource WHERE old.outcome_resource IS NOT NULL
    UNION ALL SELECT 'people', old.outcome_person WHERE old.outcome_person IS NOT NULL
    ON CONFLICT DO NOTHING;
  INSERT INTO switchyard_stale (ix, key) SELECT ix, key FROM switchyard_outcome_edge WHERE true
    ON CONFLICT DO NOTHING;
END;
