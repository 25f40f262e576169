// Follows the Office theme: a dark Office theme gets Fluent's dark theme, anything else the light one.
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

function luminance(hex: string): number | undefined {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return undefined;
  const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The Fluent theme for an Office theme's body background colour (undefined outside Office). */
export function themeFor(bodyBackgroundColor: string | undefined): Theme {
  const l = bodyBackgroundColor ? luminance(bodyBackgroundColor) : undefined;
  return l !== undefined && l < 0.5 ? webDarkTheme : webLightTheme;
}
