// The fallback: every word can be misheard as one that sounds near it, so every error budget is reachable.
import { type ErrorGenerator, pickSite } from "../generator.js";
import { pick, randomInt } from "../random.js";
import { lower, replaceWord, type Word, withCase } from "./words.js";

// Everyday words a recogniser's language model favours; a misheard word usually lands on one of them.
const LEXICON = `
a about after again all also am an and any are as ask at ate back bad bag ball band bank bar base bat be
bed bee beer bell belt best bet big bill bit bite boat bog book boot bought box boy bud bug but buy by cab
call came can cap car care case cat chair check cheap chip coat cold come cook cool cop cost could cut dad
day dead deal dear deck did dig dip do dog done door dot down dug eat end fair fall far fat fee feed feel
feet fill fine fit five fog food foot for four free fun game gap gate get gift give go goat god gold good
got gum gut had hair half hall hand hat have he head hear heat help her here hit hold home hop hot hug
I if in is it job keep kid kit knee lake lamp land last late law lay led leg let lid like line lip list
lit live load lock log long look lot low mad made mail main make man map mat may me meal mean meat meet
men mind mine miss mob mom mood moon more most mud must my name near neat need net new nice night no nod
not note now nut of off old on one or our out pad paid pain pair pan park part pass past pat pay peak pen
pet pick pie pig pin pit plan pod pool pop pot pub pull put rag rain ran rat read real red rest rid ride
right rip road rob rock rod room rose rub run sad said sat saw say sea seat see seem sell send set she
ship shop shot show sick side sign sit six sob sock son soon sort sun tab tag take talk tap tea team tell
ten test than that the them then they thin this tick tie till time tin tip to toe told too top tough toy
tub tuck two up us van vet wait walk want was way we wear week well went wet what when will win with
won wood word work yet you
`
  .trim()
  .split(/\s+/);

const CLASSES: Record<string, string> = { b: "B", p: "B", d: "D", t: "D", g: "G", k: "G", c: "G", q: "G" };
Object.assign(CLASSES, { x: "G", f: "F", v: "F", s: "S", z: "S", m: "N", n: "N", l: "L", r: "L", j: "J" });

/** Consonants by sound class, vowels and h/w/y dropped: "bat", "pad" and "bought" share "BD". */
export function soundKey(word: string): string {
  const spelled = word.toLowerCase().replace(/ph/g, "f").replace(/gh/g, "").replace(/th/g, "d");
  let key = "";
  for (const letter of spelled) {
    const sound = CLASSES[letter];
    if (sound && !key.endsWith(sound)) key += sound;
  }
  return key;
}

const BY_KEY = new Map<string, string[]>();
for (const word of LEXICON) BY_KEY.set(soundKey(word), [...(BY_KEY.get(soundKey(word)) ?? []), word]);

const PARTNER: Record<string, string> = { b: "p", p: "b", d: "t", t: "d", g: "k", k: "g", f: "v", v: "f" };
Object.assign(PARTNER, { s: "z", z: "s", m: "n", n: "m", a: "e", e: "i", i: "e", o: "u", u: "o" });

/** A real word of the same sound key when the lexicon has one, else the word with one sound shifted. */
export function nearWord(word: string, random: () => number): string | undefined {
  const key = lower({ pre: "", word, post: "", space: "" });
  const alike = (BY_KEY.get(soundKey(word)) ?? []).filter((other) => other.toLowerCase() !== key);
  const real = pick(random, alike);
  if (real !== undefined) return real;
  const letters = [...key];
  const shiftable = [...letters.keys()].filter((index) => PARTNER[letters[index] ?? ""] !== undefined);
  if (shiftable.length === 0) return undefined;
  const at = shiftable[randomInt(random, shiftable.length)] ?? 0;
  letters[at] = PARTNER[letters[at] ?? ""] ?? "";
  return letters.join("");
}

export const nearWords: ErrorGenerator<Word> = {
  id: "near-word",
  apply(tokens, random) {
    const at = pickSite(tokens, random, (token) => /^\p{L}[\p{L}']*$/u.test(token.word));
    const token = at === undefined ? undefined : tokens[at];
    const near = token && nearWord(token.word, random);
    return at === undefined || !token || !near
      ? undefined
      : replaceWord(tokens, at, withCase(token.word, near));
  },
};
