// The bench suites' output schema: two fields, one text and one number, so scoring runs two matchers.
import { z } from "zod";

export const BenchBooking = z.object({
  name: z.string().nullable(),
  party_size: z.number().int().nullable(),
});
