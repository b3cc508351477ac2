// Shapes of the event catalog: what callers see (CatalogEntry) and what the generator records.

/** One Zoom webhook event the tool knows: its exact Zoom name, product and a one-line description. */
export interface CatalogEntry {
  name: string;
  product: string;
  description: string;
}

/** A catalog row as written by scripts/generate-catalog.mjs; the Rivet names are for the type-check test. */
export interface GeneratedCatalogEntry extends CatalogEntry {
  /** Rivet's type name (e.g. "MeetingStartedEvent"); null for events Rivet does not declare. */
  rivetType: string | null;
  /** Rivet's entry point exporting that type (e.g. "@zoom/rivet/meetings"). */
  rivetModule: string | null;
}
