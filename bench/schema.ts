// The bench suites' output schema: two fields, one text and one number, so scoring runs two matchers.
import { z } from "zod";

export const BenchBooking = z.object({
  name: z.string().nullable(),
  party_size: z.number().int().nullable(),
});

/** The long-call workload's schema: five fields, as a restaurant booking line would extract. */
export const BenchLongBooking = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  date: z.string().nullable(),
  time: z.string().nullable(),
  party_size: z.number().int().nullable(),
});
