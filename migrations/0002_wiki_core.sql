-- Wiki core: what the special pages need without re-reading every page body.

-- How a link named its target ("[[Modèle économique]]"), so "pages à créer" can offer that title.
ALTER TABLE page_links ADD COLUMN to_title TEXT;

-- 'explicit' (chosen in the editor's category field) or 'markdown' (a [[Catégorie:…]] link in the body):
-- a save recomputes the markdown ones and keeps the explicit ones.
ALTER TABLE page_categories ADD COLUMN source TEXT NOT NULL DEFAULT 'explicit'
  CHECK (source IN ('explicit', 'markdown'));

-- Plain-text length of the body (stubs are pages under ~300 characters of text); NULL until the next save.
ALTER TABLE pages ADD COLUMN text_length INTEGER;

-- Accent-folded, lowercased title: "Évaluer…" sorts with the e's, as French readers expect.
ALTER TABLE pages ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
UPDATE pages SET title_key = lower(
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
    title, 'É','e'), 'È','e'), 'Ê','e'), 'Ë','e'), 'À','a'), 'Â','a'), 'Î','i'), 'Ï','i'), 'Ô','o'), 'Ù','u'),
    'Û','u'), 'Ç','c'), 'Œ','oe'), 'é','e'), 'è','e'), 'ê','e'), 'ë','e'), 'à','a'), 'â','a'), 'î','i'),
    'ï','i'), 'ô','o'), 'ù','u'), 'û','u'), 'ç','c'), 'œ','oe'));
CREATE INDEX pages_title_key ON pages(title_key, title, slug);
-- "À améliorer": stubs by text length, flagged pages (few) by a partial index.
CREATE INDEX pages_text_length ON pages(text_length);
CREATE INDEX pages_needs_work ON pages(updated_at) WHERE needs_work IS NOT NULL;

-- Recent changes of one page and "previous size" look-ups go through (page_id, number): already unique.
-- Orphans and backlinks go through page_links(to_slug): already indexed.
