import type { Case, MatchContext } from "../core/types.js";

export interface ScoringSettings {
  phoneRegion: string;
  referenceDateKey: string;
  phoneRegionKey: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A case's scoring context: its own phone region and call date from meta, else the suite's defaults. */
export function matchContext(settings: ScoringSettings, item: Pick<Case, "meta">): MatchContext {
  const reference = item.meta[settings.referenceDateKey];
  const region = item.meta[settings.phoneRegionKey];
  return {
    phoneRegion:
      typeof region === "string" && /^[A-Za-z]{2}$/.test(region)
        ? region.toUpperCase()
        : settings.phoneRegion,
    ...(typeof reference === "string" && ISO_DATE.test(reference) ? { referenceDate: reference } : {}),
  };
}
