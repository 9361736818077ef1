// The record the demo suite extracts from a booking call; `.meta({ match })` tells scoring how to compare.
// Every key is required and absent values are null, so the JSON Schema fits OpenAI strict structured outputs.
import { z } from "zod";

export const Appointment = z
  .object({
    caller_name: z
      .string()
      .nullable()
      .describe(
        "The caller's name as they gave it (family name and given name if both were said); null if not given.",
      ),
    phone: z
      .string()
      .nullable()
      .describe(
        "The callback phone number the caller gave or confirmed, digits as spoken (e.g. '(212) 555-0198', '090-1234-5678'); if they corrected it, the corrected number; null if none.",
      )
      .meta({ match: "phone" }),
    intent: z
      .enum(["book", "reschedule", "cancel", "inquiry", "other"])
      .describe(
        "What the caller wants: book a new appointment or table, reschedule an existing one, cancel one, only ask a question (hours, prices, location), or other (wrong number, sales call, ...).",
      ),
    business: z
      .enum(["clinic", "restaurant"])
      .describe("Which business was called: the clinic or the restaurant, as the agent's greeting shows."),
    service_code: z
      .string()
      .nullable()
      .describe(
        "The knowledge-base code of the service the call is about: booked, moved, cancelled or asked about (e.g. 'GP-15', 'DENT-CLEAN', 'DIN-STD', 'DIN-PRIV'). Only codes from the knowledge base; null if the call names no service.",
      )
      .meta({ match: "exact" }),
    date: z
      .string()
      .nullable()
      .describe(
        "The booking's date as YYYY-MM-DD, relative dates ('tomorrow', 'next Tuesday', '来週の金曜日') resolved against the call date. For a reschedule the new date; for a cancellation the cancelled booking's date. Null if none.",
      )
      .meta({ match: "date" }),
    time: z
      .string()
      .nullable()
      .describe(
        "The booking's time in 24-hour HH:MM ('half past five in the evening' is '17:30', '午後7時' is '19:00'). For a reschedule the new time; for a cancellation the cancelled booking's time. Null if none.",
      )
      .meta({ match: "time" }),
    party_size: z
      .number()
      .int()
      .nullable()
      .describe(
        "Number of people the booking (new, moved or cancelled) is for, after any change during the call; see the knowledge base's rules (the clinic: patients to be seen). Null if the call is about no booking or the size is not said.",
      )
      .meta({ match: "number" }),
    language: z
      .enum(["en", "ja"])
      .describe("The language the caller spoke: 'en' for English, 'ja' for Japanese."),
    notes: z
      .string()
      .nullable()
      .describe(
        "A short summary, in English, of special requests the caller made: allergies, accessibility needs, reason for the visit, occasion. Only what the caller said; null if nothing.",
      )
      .meta({
        match: "free-text",
        rubric:
          "Summarises special requests (allergies, accessibility, reason for visit) faithfully, adds nothing the caller did not say.",
      }),
  })
  .describe("One booking-related phone call to the clinic or the restaurant, as a structured record.");

export type AppointmentRecord = z.infer<typeof Appointment>;
