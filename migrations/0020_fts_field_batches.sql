-- Field values of wiki pages reach the full-text index once per write, not once per value.
--
-- Migration 0016's triggers on page_field_values rewrite the page's wiki_fts row for every value
-- inserted or deleted, and FTS5 rewrites a row whole (title and body re-tokenised): saving ten
-- values of a 20 KB page cost about 20 ms. A writer that rewrites a page's values (setPageFields,
-- server/wiki/fields.ts) now opens a batch by inserting the page's id into wiki_fts_field_batch,
-- and closes it by deleting that row in the same transaction: the per-value triggers stand aside
-- while the batch is open, and closing it updates the index once, only if the values' text
-- changed. Any other write path still goes through the per-value triggers, as before.

CREATE TABLE wiki_fts_field_batch (page_id INTEGER PRIMARY KEY);

DROP TRIGGER wiki_fts_field_insert;
DROP TRIGGER wiki_fts_field_update;
DROP TRIGGER wiki_fts_field_delete;

CREATE TRIGGER wiki_fts_field_insert AFTER INSERT ON page_field_values
  WHEN NOT EXISTS (SELECT 1 FROM wiki_fts_field_batch WHERE page_id = new.page_id) BEGIN
  UPDATE wiki_fts SET fields = lc_index_text((SELECT group_concat(value, ' ') FROM page_field_values WHERE page_id = new.page_id))
  WHERE rowid = new.page_id;
END;
CREATE TRIGGER wiki_fts_field_update AFTER UPDATE OF value, page_id ON page_field_values BEGIN
  UPDATE wiki_fts SET fields = lc_index_text((SELECT group_concat(value, ' ') FROM page_field_values WHERE page_id = old.page_id))
  WHERE rowid = old.page_id AND NOT EXISTS (SELECT 1 FROM wiki_fts_field_batch WHERE page_id = old.page_id);
  UPDATE wiki_fts SET fields = lc_index_text((SELECT group_concat(value, ' ') FROM page_field_values WHERE page_id = new.page_id))
  WHERE rowid = new.page_id AND new.page_id IS NOT old.page_id AND NOT EXISTS (SELECT 1 FROM wiki_fts_field_batch WHERE page_id = new.page_id);
END;
CREATE TRIGGER wiki_fts_field_delete AFTER DELETE ON page_field_values
  WHEN NOT EXISTS (SELECT 1 FROM wiki_fts_field_batch WHERE page_id = old.page_id) BEGIN
  UPDATE wiki_fts SET fields = lc_index_text((SELECT group_concat(value, ' ') FROM page_field_values WHERE page_id = old.page_id))
  WHERE rowid = old.page_id;
END;

-- Closing a batch: one update of the page's row, none when its values say the same as before.
CREATE TRIGGER wiki_fts_field_batch_end AFTER DELETE ON wiki_fts_field_batch BEGIN
  UPDATE wiki_fts SET fields = lc_index_text((SELECT group_concat(value, ' ') FROM page_field_values WHERE page_id = old.page_id))
  WHERE rowid = old.page_id
    AND fields IS NOT lc_index_text((SELECT group_concat(value, ' ') FROM page_field_values WHERE page_id = old.page_id));
END;
