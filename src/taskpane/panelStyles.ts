// The layout every capability panel shares: a column of sections, wrapping rows of fields, muted notes.
import { makeStyles, tokens } from "@fluentui/react-components";

export const usePanelStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "flex-end" },
  grow: { flexGrow: 1, minWidth: "10rem", maxWidth: "100%" },
  /** A select as wide as its field, never as wide as its longest option (long names would push a 350 px pane sideways). */
  fill: { width: "100%", minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  nowrap: { whiteSpace: "nowrap" },
  /** A group of fields under one legend, without the browser's border. */
  plain: { border: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
});
