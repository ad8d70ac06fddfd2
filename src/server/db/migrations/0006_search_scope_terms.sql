-- The search terms also carry the person's area and every area above it ("a:" + area id), so a
-- search within the caller's scope is one GIN lookup (GIN intersects the rare name term with the
-- frequent area term cheaply) instead of a bitmap AND with the area index.
CREATE OR REPLACE FUNCTION persons_search_terms() RETURNS trigger AS $$
DECLARE
  n int := char_length(NEW.name);
  terms text[] := ARRAY[]::text[];
  area_path text;
BEGIN
  FOR i IN 1..n LOOP
    FOR l IN 1..least(6, n - i + 1) LOOP
      terms := terms || substr(NEW.name, i, l);
    END LOOP;
  END LOOP;
  IF NEW.phone_tail IS NOT NULL THEN
    terms := terms || ('p:' || NEW.phone_tail);
  END IF;
  terms := terms || ('i:' || NEW.id_number_tail);
  SELECT path INTO area_path FROM areas WHERE id = NEW.area_id;
  IF area_path IS NOT NULL THEN
    terms := terms || ARRAY(SELECT 'a:' || x FROM unnest(string_to_array(trim(both '/' from area_path), '/')) AS x);
  END IF;
  NEW.search_terms := ARRAY(SELECT DISTINCT unnest(terms));
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER IF EXISTS persons_search_terms ON persons;
--> statement-breakpoint
CREATE TRIGGER persons_search_terms BEFORE INSERT OR UPDATE OF name, phone_tail, id_number_tail, area_id ON persons
  FOR EACH ROW EXECUTE FUNCTION persons_search_terms();
--> statement-breakpoint
UPDATE persons SET name = name;
