// The record the voice demo extracts from a restaurant booking call; `.meta({ match })` tells scoring how to
// compare. Every key is required and absent values are null, so the JSON Schema fits OpenAI strict outputs.
import { z } from "zod";

export const VoiceBooking = z
  .object({
    caller_name: z
      .string()
      .nullable()
      .describe(
        "The caller's name as they gave it (given and family name if both were said); null if not given.",
      )
      .meta({ match: "text" }),
    phone: z
      .string()
      .nullable()
      .describe("The callback number the caller gave, as digits, e.g. '(212) 555-0198'; null if none.")
      .meta({ match: "phone" }),
    party_size: z
      .number()
      .int()
      .nullable()
      .describe("How many people the booking is for, after any change during the call; null if not said.")
      .meta({ match: "number" }),
    date: z
      .string()
      .nullable()
      .describe(
        "The booking's date as YYYY-MM-DD, relative dates resolved against the call date. For a change the new date; for a cancellation the cancelled booking's date. Null if none.",
      )
      .meta({ match: "date" }),
    time: z
      .string()
      .nullable()
      .describe(
        "The booking's time in 24-hour HH:MM ('half past six' in the evening is '18:30'). For a change the new time. Null if none.",
      )
      .meta({ match: "time" }),
    intent: z
      .enum(["book", "cancel", "change"])
      .nullable()
      .describe("What the caller wants: book a new table, cancel one, or change one; null if unclear.")
      .meta({ match: "enum" }),
  })
  .describe("One phone call to the restaurant's booking line, as a structured record.");

export type VoiceBookingRecord = z.infer<typeof VoiceBooking>;
