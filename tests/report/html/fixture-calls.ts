// Twenty calls that models disagreed on, in Japanese and English, for the report's disagreement table.
import type { Turn } from "../../../src/core/types.js";
import type { Disagreement } from "../../../src/summary/report-data-types.js";

const MODELS = ["gpt-4.1-mini", "claude-sonnet-4", "gpt-4.1-nano", "llama-3.1-8b-local"] as const;

function turns(...lines: [string, string][]): Turn[] {
  return lines.map(([speaker, text], i) => ({ speaker, text, start: i * 6.5, end: i * 6.5 + 5 }));
}

const JA = [
  turns(
    ["オペレーター", "お電話ありがとうございます。さくら電力お客さまセンターの佐藤でございます。"],
    ["お客さま", "あの、来週の火曜日に点検の予約をお願いしたいんですが。"],
    ["オペレーター", "かしこまりました。ご契約者さまのお名前をお願いいたします。"],
    ["お客さま", "山田太郎です。電話番号は０９０の１２３４の５６７８です。"],
    ["オペレーター", "ありがとうございます。午前と午後、どちらがよろしいでしょうか。"],
    ["お客さま", "午後の二時ごろでお願いします。"],
  ),
  turns(
    ["オペレーター", "はい、みどり銀行カードデスクです。"],
    ["お客さま", "カードを落としてしまって、すぐに止めてほしいんです。"],
    ["オペレーター", "至急お手続きいたします。口座番号の下四桁をお願いします。"],
    ["お客さま", "えっと、４４２１です。あ、いや、４４１２でした。"],
  ),
  turns(
    ["オペレーター", "水道局です。どうされましたか。"],
    ["お客さま", "3月30日から水が出ないんです。折り返しは夕方五時以降でお願いします。"],
    ["オペレーター", "承知しました。お名前は。"],
    ["お客さま", "鈴木花子です。"],
  ),
];

const EN = [
  turns(
    ["agent", "Thanks for calling Northwind Dental, this is Priya."],
    ["caller", "Hi, I need to move my cleaning from Thursday to next Monday if you have anything."],
    ["agent", "Sure. Can I get your name and a good number?"],
    ["caller", "It's Dana Whitfield, five five five, oh one nine two."],
    ["agent", "Monday at 10:30 works. Anything else?"],
    ["caller", "No that's it, thanks."],
  ),
  turns(
    ["agent", "Acme Internet support, how can I help?"],
    ["caller", "My connection drops every evening. It's urgent, I work from home."],
    ["agent", "Let me open a ticket. Account number?"],
    ["caller", "A C 7 7 0 3 1. Please call me back tomorrow morning."],
  ),
  "Caller: Hi, I'm calling about the invoice you sent, I think I was charged twice.\nAgent: I'm sorry about that. What's the invoice number?\nCaller: INV-20931. My name is Marcus Lee and you can email me instead of calling.",
];

type Row = [field: string, values: unknown[], gold: unknown, reason: Disagreement["reason"]];

const ROWS: Row[] = [
  ["callback_date", ["2025-06-10", "2025-06-10", "2025-06-03", "2025-06-10"], "2025-06-10", "disagreement"],
  [
    "phone",
    ["090-1234-5678", "09012345678", "090-1234-5678", { invalid: ["phone: Required"] }],
    "09012345678",
    "invalid",
  ],
  ["callback_time", ["14:00", "14:00", "02:00", "14:00"], "14:00", "disagreement"],
  ["intent", ["card_block", "card_block", "card_block", "report_lost"], "card_block", "disagreement"],
  ["account_number", ["4412", "4412", "4421", "4421"], "4412", "disagreement"],
  ["urgency", ["high", "high", "normal", "high"], "high", "disagreement"],
  ["callback_date", ["2025-03-30", "2025-03-30", "2025-03-30", "2025-03-31"], null, "disagreement"],
  ["callback_time", ["17:00", "after 17:00", "17:00", "17:00"], "17:00", "wrong-vs-gold"],
  ["caller_name", ["鈴木花子", "鈴木 花子", "鈴木花子", "スズキハナコ"], "鈴木花子", "disagreement"],
  [
    "caller_name",
    ["Dana Whitfield", "Dana Whitfield", "Dana Whitfeld", "Dana Whitfield"],
    "Dana Whitfield",
    "disagreement",
  ],
  ["callback_date", ["2025-06-09", "2025-06-09", "2025-06-09", "2025-06-05"], "2025-06-09", "wrong-vs-gold"],
  ["phone", ["555-0192", "5550192", null, "555-0192"], "555-0192", "disagreement"],
  [
    "callback_time",
    ["10:30", "10:30", "10:30", { invalid: ["callback_time: Invalid string: must match HH:MM"] }],
    "10:30",
    "invalid",
  ],
  ["urgency", ["high", "high", "high", "normal"], "high", "wrong-vs-gold"],
  ["account_number", ["AC77031", "AC77031", "AC-77031", "AC77O31"], "AC77031", "disagreement"],
  ["callback_date", ["2025-06-02", "2025-06-02", "2025-06-01", "2025-06-02"], "2025-06-02", "disagreement"],
  ["preferred_contact", ["email", "email", "phone", "email"], "email", "disagreement"],
  [
    "intent",
    ["billing_dispute", "billing_dispute", "refund", "billing_dispute"],
    "billing_dispute",
    "disagreement",
  ],
  ["caller_name", ["Marcus Lee", "Marcus Lee", "Marcus Li", "Marcus Lee"], "Marcus Lee", "disagreement"],
  ["language", ["en", "en", "en", { invalid: ["no JSON in the output"] }], "en", "invalid"],
];

export function disagreements(models: readonly string[] = MODELS): Disagreement[] {
  return ROWS.map(([field, values, gold, reason], i) => {
    const ja = i < 9;
    const transcript = ja ? (JA[Math.floor(i / 3)] ?? []) : (EN[Math.floor((i - 9) / 4)] ?? "");
    return {
      caseId: `${ja ? "ja" : "en"}-call-${String(101 + i).padStart(4, "0")}`,
      field,
      transcript,
      values: Object.fromEntries(models.map((id, m) => [id, values[m]])),
      ...(gold === null ? {} : { gold }),
      reason,
    };
  });
}
