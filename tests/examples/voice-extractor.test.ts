// The voice demo's rule-based "model": perfect on the reference transcripts, so every error in a voice run
// is the recogniser's, and honest (null, not a guess) on the garbled text a recogniser makes.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import rules, { extract, readPrompt } from "../../examples/voice/extractor.js";
import { VoiceBooking } from "../../examples/voice/schema.js";
import { reportsRoot, storeFile } from "../../src/api/places.js";
import { resolveFromSuite, type Suite } from "../../src/config/suite.js";
import type { Case } from "../../src/core/types.js";
import { loadDataset } from "../../src/dataset/index.js";
import { loadConfig } from "../../src/load/config.js";
import { loadPrompt, type PromptSuite } from "../../src/prompt/index.js";
import { matchContext, type ScoringSettings } from "../../src/scoring/context.js";
import { fieldsFromSchema } from "../../src/scoring/fields.js";
import { matcherFor } from "../../src/scoring/matchers/index.js";
import { ROOT } from "../helpers/cli.js";

const FIELDS = fieldsFromSchema(VoiceBooking);
const SCORING: ScoringSettings = {
  phoneRegion: "US",
  referenceDateKey: "callDate",
  phoneRegionKey: "phoneRegion",
};

/** The fields where `answer` differs from `gold` as the scorer compares them (phone as E.164, time as HH:MM...). */
function wrongFields(
  answer: Record<string, unknown>,
  gold: Record<string, unknown>,
  meta: Case["meta"] = {},
) {
  const ctx = matchContext(SCORING, { meta });
  return FIELDS.filter(({ name, match }) => {
    const matcher = matcherFor(match);
    return !matcher.equal(matcher.canonical(answer[name], ctx), matcher.canonical(gold[name], ctx));
  }).map(({ name }) => `${name}: got ${JSON.stringify(answer[name])}, gold ${JSON.stringify(gold[name])}`);
}

describe("the voice suite's extractor on the reference transcripts", () => {
  let loaded: Suite;
  let cases: Case[];
  let prompt: PromptSuite;

  beforeAll(async () => {
    loaded = await loadConfig(ROOT, "examples/voice/callgrade.config.ts");
    cases = await loadDataset(resolveFromSuite(loaded, loaded.config.dataset));
    prompt = await loadPrompt({
      templateFile: resolveFromSuite(loaded, loaded.config.prompt),
      knowledgeBaseFiles: [],
      schema: loaded.config.schema,
    });
  });

  it("keeps its store and reports apart from the main demo's", () => {
    expect(storeFile(loaded)).toBe(path.join(ROOT, ".callgrade", "voice", "callgrade.db"));
    expect(reportsRoot(loaded)).toBe(path.join(ROOT, "reports", "voice"));
  });

  it("the dataset has eight calls, each with audio under audio/ and gold the schema accepts", () => {
    expect(cases).toHaveLength(8);
    for (const item of cases) {
      expect(item.audio).toBe(`audio/${item.id}.wav`);
      expect(VoiceBooking.safeParse(item.gold).success).toBe(true);
    }
  });

  it("gets every gold field right when it reads the prompt callgrade renders", () => {
    for (const item of cases) {
      const answer = VoiceBooking.parse(rules({ user: prompt.render(item).variable }));
      expect(wrongFields(answer, item.gold ?? {}, item.meta), item.id).toEqual([]);
    }
  });
});

describe("numbers said as words", () => {
  it("tells fifteen from fifty, in a party size and in minutes", () => {
    expect(extract("a table for fifteen").party_size).toBe(15);
    expect(extract("dinner for fifty people").party_size).toBe(50);
    expect(extract("at eight fifteen").time).toBe("20:15");
    expect(extract("at eight fifty").time).toBe("20:50");
    expect(extract("twenty two people, not two").party_size).toBe(22);
  });

  it("reads oh and o as zero inside a phone number, and digit strings as they are", () => {
    const gold = { phone: "(212) 555-0198" };
    expect(wrongFields(extract("my number is two one two, five five five, oh one nine eight"), gold)).toEqual(
      [],
    );
    expect(wrongFields(extract("two one two five five five o one nine eight"), gold)).toEqual([]);
    expect(wrongFields(extract("call me on 212-555-0198"), gold)).toEqual([]);
    expect(wrongFields(extract("it's two one two, double five five, oh one nine eight"), gold)).toEqual([]);
    expect(extract("Oh, hi. My number is five five five, oh one nine eight.").phone).toBe("555-0198");
  });

  it("reads clock times the ways people say them", () => {
    expect(extract("at half past six").time).toBe("18:30");
    expect(extract("at quarter to eight").time).toBe("19:45");
    expect(extract("around seven p m").time).toBe("19:00");
    expect(extract("at seven thirty").time).toBe("19:30");
    expect(extract("at eleven thirty a m").time).toBe("11:30");
    expect(extract("at nine oh five in the morning").time).toBe("09:05");
    expect(extract("tomorrow at noon").time).toBe("12:00");
    expect(extract("at 7:30pm").time).toBe("19:30");
  });

  it("resolves dates against the call date", () => {
    const wednesday = "2026-03-04";
    expect(extract("next Friday", wednesday).date).toBe("2026-03-13");
    expect(extract("on Friday", wednesday).date).toBe("2026-03-06");
    expect(extract("on March fifth", wednesday).date).toBe("2026-03-05");
    expect(extract("on March third", wednesday).date).toBe("2027-03-03");
    expect(extract("on the twenty first", wednesday).date).toBe("2026-03-21");
    expect(extract("the fourteenth of April", wednesday).date).toBe("2026-04-14");
    expect(extract("tomorrow", wednesday).date).toBe("2026-03-05");
  });
});

describe("garbled text gives nulls, not guesses", () => {
  // Each of these is what pocketsphinx made of a demo call (flite's rms voice).
  it("a phone number with a digit lost or misheard is no number", () => {
    expect(extract("my number is six for six five five five oh one one eight").phone).toBeNull();
    expect(extract("three one two five five five on nine six one").phone).toBeNull();
    expect(extract("nine one seven five five five oviedo for").phone).toBeNull();
  });

  it("a time whose hour was misheard is no time", () => {
    expect(extract("change my booking to saturday at age fifteen").time).toBeNull();
    expect(extract("cancel my booking on sunday headquartered to eat").time).toBeNull();
    expect(extract("to next when she had surged forty five in the evening").time).toBeNull();
    expect(extract("you'd have to pass shakes").time).toBeNull();
  });

  it("words that are no name, no size and no intent give null", () => {
    expect(extract("hello this is a white bread and please cancel").caller_name).toBeNull();
    expect(extract("that is for lunch, this is for four").caller_name).toBeNull();
    expect(extract("we are no six persons instead of for").party_size).toBe(6);
    expect(extract("a table for it to people").party_size).toBeNull();
    expect(extract("i want to put the dinner for fifty people").intent).toBeNull();
    expect(extract("I may be late, so at least a second chance", "2026-03-04").date).toBeNull();
    expect(extract("on March fifth").date).toBeNull();
  });
});

describe("reading the prompt", () => {
  it("takes the call date and the transcript from the per-case part", () => {
    const user = "Call date: 2026-03-04\n\n<transcript>\nnext friday\n</transcript>\n";
    expect(readPrompt(user)).toEqual({ transcript: "next friday", callDate: "2026-03-04" });
  });

  it("reads only the caller's turns for the name", () => {
    const transcript = "agent: Trattoria Nonna, this is Sam speaking.\ncaller: Hi, this is Linh Nguyen.";
    expect(extract(transcript).caller_name).toBe("Linh Nguyen");
  });

  it("a prompt without a transcript block is an error of that call, saying what to fix", () => {
    expect(() => rules({ user: "Call date: 2026-03-04" })).toThrow(/<transcript>/);
  });
});
