// The store's migrations 11 and on, for the judge: its verdicts, and the review items drawn to check it.
// MIGRATIONS (./migrations.ts) ends with these, in this order.

export const JUDGE_MIGRATIONS: string[] = [
  // 11: a judge model's verdicts on free-text answers. One per judged answer (case, model, repetition, field)
  // and judge; each a model call of its own with its usage and cost. It belongs to its run as a call does (the
  // run's, not its case's, key: calls have none to their case either). Reports read verdicts, so they count
  // in the run's revision as calls do.
  `
  CREATE TABLE judgements (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    case_id TEXT NOT NULL,
    model_id TEXT NOT NULL,
    rep INTEGER NOT NULL,
    field TEXT NOT NULL,
    judge_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'invalid', 'error')),
    error_kind TEXT,
    error_message TEXT,
    text TEXT,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    cached_input_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL,
    latency_ms REAL NOT NULL,
    attempts INTEGER NOT NULL,
    from_cache INTEGER NOT NULL DEFAULT 0,
    pass INTEGER CHECK (pass IN (0, 1)),
    score INTEGER CHECK (score BETWEEN 1 AND 5),
    reason TEXT,
    issues TEXT NOT NULL DEFAULT '[]',
    finished_at TEXT NOT NULL,
    PRIMARY KEY (run_id, case_id, model_id, rep, field, judge_id)
  );
  CREATE TRIGGER judgements_inserted AFTER INSERT ON judgements
    BEGIN UPDATE run_revisions SET revision = revision + 1 WHERE run_id = NEW.run_id; END;
  CREATE TRIGGER judgements_updated AFTER UPDATE ON judgements
    BEGIN UPDATE run_revisions SET revision = revision + 1 WHERE run_id IN (OLD.run_id, NEW.run_id); END;
  CREATE TRIGGER judgements_deleted AFTER DELETE ON judgements
    BEGIN UPDATE run_revisions SET revision = revision + 1 WHERE run_id = OLD.run_id; END;
  `,
  // 12: review items drawn into a judge's priority sample (reason 'sampled'), so a person's grade checks the
  // judge: a field compared by a matcher, on a case without gold, where the models agree. Rebuilt as 7 did,
  // for the same reasons, with the grades triggers as 9 left them (the revision in run_revisions).
  `
  ALTER TABLE review_notes RENAME TO review_notes_11;
  ALTER TABLE grades RENAME TO grades_11;
  ALTER TABLE review_items RENAME TO review_items_11;
  DROP INDEX review_items_queue;
  DROP INDEX grades_by_item;
  DROP INDEX grades_by_reviewer;
  DROP TRIGGER grades_inserted;
  DROP TRIGGER grades_updated;
  DROP TRIGGER grades_deleted;
  CREATE TABLE review_items (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    case_id TEXT NOT NULL,
    field TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('disagreement', 'invalid', 'free-text', 'unreadable', 'sampled')),
    model_values TEXT NOT NULL,
    priority REAL NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    UNIQUE (run_id, case_id, field)
  );
  CREATE TABLE grades (
    id INTEGER PRIMARY KEY,
    review_item_id INTEGER NOT NULL REFERENCES review_items(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('pick', 'edit', 'none', 'gold', 'rating')),
    value TEXT,
    model_id TEXT,
    ratings TEXT,
    previous_gold TEXT,
    created_at TEXT NOT NULL,
    undone_at TEXT,
    replaces INTEGER REFERENCES grades(id)
  );
  CREATE TABLE review_notes (
    id INTEGER PRIMARY KEY,
    review_item_id INTEGER NOT NULL REFERENCES review_items(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  INSERT INTO review_items (id, run_id, case_id, field, reason, model_values, priority, status)
    SELECT id, run_id, case_id, field, reason, model_values, priority, status FROM review_items_11;
  INSERT INTO grades (id, review_item_id, reviewer, verdict, value, model_id, ratings, previous_gold, created_at,
      undone_at, replaces)
    SELECT id, review_item_id, reviewer, verdict, value, model_id, ratings, previous_gold, created_at, undone_at,
      replaces FROM grades_11;
  INSERT INTO review_notes (id, review_item_id, reviewer, text, created_at)
    SELECT id, review_item_id, reviewer, text, created_at FROM review_notes_11;
  DROP TABLE review_notes_11;
  DROP TABLE grades_11;
  DROP TABLE review_items_11;
  CREATE INDEX review_items_queue ON review_items (run_id, status, priority DESC);
  CREATE INDEX grades_by_item ON grades (review_item_id, undone_at);
  CREATE INDEX grades_by_reviewer ON grades (reviewer, created_at);
  CREATE TRIGGER grades_inserted AFTER INSERT ON grades
    BEGIN UPDATE run_revisions SET revision = revision + 1
      WHERE run_id = (SELECT run_id FROM review_items WHERE id = NEW.review_item_id); END;
  CREATE TRIGGER grades_updated AFTER UPDATE ON grades
    BEGIN UPDATE run_revisions SET revision = revision + 1
      WHERE run_id = (SELECT run_id FROM review_items WHERE id = NEW.review_item_id); END;
  CREATE TRIGGER grades_deleted AFTER DELETE ON grades
    BEGIN UPDATE run_revisions SET revision = revision + 1
      WHERE run_id = (SELECT run_id FROM review_items WHERE id = OLD.review_item_id); END;
  `,
];
