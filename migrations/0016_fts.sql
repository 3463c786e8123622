-- Full-text search on SQLite FTS5: one table per corpus, fed by the shared French analyser.
--
-- The tables hold analysed text (stems, accents folded, stop words dropped, space separated), not
-- the original: the analyser is JavaScript (registry/text/french.ts), registered on every
-- connection by the migrator as the SQL functions lc_index_text(text), lc_index_markdown(markdown)
-- and lc_fold(text) (registry/text/fts.ts). The unicode61 tokenizer only splits those terms on
-- spaces (remove_diacritics 0: accents are the analyser's business).
--
-- The triggers below keep every table current in the same transaction as the write that changes
-- it, whatever the write path (REST, co-editing, imports, the CLI, another process): a rolled-back
-- write leaves the index as it was. This migration fills the tables from the existing rows, in its
-- own transaction; `lieux-communs reindex` rebuilds them (after a change of the analyser).

-- Wiki: live pages only (a deleted page leaves the index; a restoration brings it back).
CREATE VIRTUAL TABLE wiki_fts USING fts5(title, body, fields, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3');
CREATE VIRTUAL TABLE wiki_fts_vocab USING fts5vocab(wiki_fts, 'row');

INSERT INTO wiki_fts (rowid, title, body, fields)
  SELECT id, lc_index_text(title), lc_index_markdown(markdown),
    lc_index_text((SELECT group_concat(value, ' ') FROM page_field_values WHERE page_id = pages.id))
  FROM pages WHERE deleted_at IS NULL;

CREATE TRIGGER wiki_fts_page_insert AFTER INSERT ON pages WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO wiki_fts (rowid, title, body, fields) VALUES (new.id, lc_index_text(new.title), lc_index_markdown(new.markdown),
    lc_index_text((SELECT group_concat(value, ' ') FROM page_field_values WHERE page_id = new.id)));
END;

-- Saves that change neither text nor deletion (a revision bump, a property) do not re-analyse.
CREATE TRIGGER wiki_fts_page_update AFTER UPDATE OF title, markdown, deleted_at ON pages
  WHEN old.title IS NOT new.title OR old.markdown IS NOT new.markdown OR old.deleted_at IS NOT new.deleted_at BEGIN
  DELETE FROM wiki_fts WHERE rowid = old.id;
  INSERT INTO wiki_fts (rowid, title, body, fields) SELECT new.id, lc_index_text(new.title), lc_index_markdown(new.markdown),
    lc_index_text((SELECT group_concat(value, ' ') FROM page_field_values WHERE page_id = new.id))
  WHERE new.deleted_at IS NULL;
END;

CREATE TRIGGER wiki_fts_page_delete AFTER DELETE ON pages BEGIN
  DELETE FROM wiki_fts WHERE rowid = old.id;
END;

-- A page's structured field values are searchable with it: only the `fields` column is rewritten
-- (FTS5 re-reads the other columns from its own stored, already analysed, text).
CREATE TRIGGER wiki_fts_field_insert AFTER INSERT ON page_field_values BEGIN
  UPDATE wiki_fts SET fields = lc_index_text((SELECT group_concat(value, ' ') FROM page_field_values WHERE page_id = new.page_id))
  WHERE rowid = new.page_id;
END;
CREATE TRIGGER wiki_fts_field_update AFTER UPDATE OF value, page_id ON page_field_values BEGIN
  UPDATE wiki_fts SET fields = lc_index_text((SELECT group_concat(value, ' ') FROM page_field_values WHERE page_id = old.page_id))
  WHERE rowid = old.page_id;
  UPDATE wiki_fts SET fields = lc_index_text((SELECT group_concat(value, ' ') FROM page_field_values WHERE page_id = new.page_id))
  WHERE rowid = new.page_id AND new.page_id IS NOT old.page_id;
END;
CREATE TRIGGER wiki_fts_field_delete AFTER DELETE ON page_field_values BEGIN
  UPDATE wiki_fts SET fields = lc_index_text((SELECT group_concat(value, ' ') FROM page_field_values WHERE page_id = old.page_id))
  WHERE rowid = old.page_id;
END;

-- Registry: `name` is the accent-folded name (matched by the start of its words), `terms` the
-- analysed text the registry already stores in `search_text` (registry/search-text.ts).
CREATE VIRTUAL TABLE resources_fts USING fts5(name, terms, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3');
INSERT INTO resources_fts (rowid, name, terms) SELECT id, lc_fold(name), search_text FROM resources;
CREATE TRIGGER resources_fts_insert AFTER INSERT ON resources BEGIN
  INSERT INTO resources_fts (rowid, name, terms) VALUES (new.id, lc_fold(new.name), new.search_text);
END;
CREATE TRIGGER resources_fts_update AFTER UPDATE OF name, search_text ON resources
  WHEN old.name IS NOT new.name OR old.search_text IS NOT new.search_text BEGIN
  DELETE FROM resources_fts WHERE rowid = old.id;
  INSERT INTO resources_fts (rowid, name, terms) VALUES (new.id, lc_fold(new.name), new.search_text);
END;
CREATE TRIGGER resources_fts_delete AFTER DELETE ON resources BEGIN
  DELETE FROM resources_fts WHERE rowid = old.id;
END;

-- Places: name, city and postcode by the start of their words.
CREATE VIRTUAL TABLE places_fts USING fts5(name, terms, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3');
INSERT INTO places_fts (rowid, name, terms)
  SELECT id, lc_fold(name || ' ' || coalesce(city, '') || ' ' || coalesce(postcode, '')), search_text FROM places;
CREATE TRIGGER places_fts_insert AFTER INSERT ON places BEGIN
  INSERT INTO places_fts (rowid, name, terms)
  VALUES (new.id, lc_fold(new.name || ' ' || coalesce(new.city, '') || ' ' || coalesce(new.postcode, '')), new.search_text);
END;
CREATE TRIGGER places_fts_update AFTER UPDATE OF name, city, postcode, search_text ON places
  WHEN old.name IS NOT new.name OR old.city IS NOT new.city OR old.postcode IS NOT new.postcode OR old.search_text IS NOT new.search_text BEGIN
  DELETE FROM places_fts WHERE rowid = old.id;
  INSERT INTO places_fts (rowid, name, terms)
  VALUES (new.id, lc_fold(new.name || ' ' || coalesce(new.city, '') || ' ' || coalesce(new.postcode, '')), new.search_text);
END;
CREATE TRIGGER places_fts_delete AFTER DELETE ON places BEGIN
  DELETE FROM places_fts WHERE rowid = old.id;
END;

-- People: name, skills and the name of their place by the start of their words (every person:
-- who may see whom is decided by the directory, not by the index).
CREATE VIRTUAL TABLE people_fts USING fts5(name, terms, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3');
INSERT INTO people_fts (rowid, name, terms)
  SELECT pe.id, lc_fold(pe.name || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(CASE WHEN json_valid(pe.skills) THEN pe.skills ELSE '[]' END)), '')
    || ' ' || coalesce(pl.name, '')), pe.search_text
  FROM people pe LEFT JOIN places pl ON pl.id = pe.place_id;
CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
  INSERT INTO people_fts (rowid, name, terms)
  SELECT new.id, lc_fold(new.name || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(CASE WHEN json_valid(new.skills) THEN new.skills ELSE '[]' END)), '')
    || ' ' || coalesce((SELECT name FROM places WHERE id = new.place_id), '')), new.search_text;
END;
CREATE TRIGGER people_fts_update AFTER UPDATE OF name, skills, place_id, search_text ON people
  WHEN old.name IS NOT new.name OR old.skills IS NOT new.skills OR old.place_id IS NOT new.place_id OR old.search_text IS NOT new.search_text BEGIN
  DELETE FROM people_fts WHERE rowid = old.id;
  INSERT INTO people_fts (rowid, name, terms)
  SELECT new.id, lc_fold(new.name || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(CASE WHEN json_valid(new.skills) THEN new.skills ELSE '[]' END)), '')
    || ' ' || coalesce((SELECT name FROM places WHERE id = new.place_id), '')), new.search_text;
END;
CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
  DELETE FROM people_fts WHERE rowid = old.id;
END;
-- A renamed place renames what its people are found by.
CREATE TRIGGER people_fts_place_rename AFTER UPDATE OF name ON places WHEN old.name IS NOT new.name BEGIN
  DELETE FROM people_fts WHERE rowid IN (SELECT id FROM people WHERE place_id = new.id);
  INSERT INTO people_fts (rowid, name, terms)
  SELECT pe.id, lc_fold(pe.name || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(CASE WHEN json_valid(pe.skills) THEN pe.skills ELSE '[]' END)), '')
    || ' ' || new.name), pe.search_text
  FROM people pe WHERE pe.place_id = new.id;
END;
