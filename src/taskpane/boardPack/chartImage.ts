// A chart's SVG drawn to a canvas as a PNG, for the downloaded workbook (ExcelJS cannot write Excel's own charts).
import type { ChartImage } from "../../workbook/exportXlsx";

/** Twice the chart's size in pixels, so the picture stays sharp when printed. */
const SCALE = 2;

export async function chartAsPng(svg: SVGSVGElement): Promise<ChartImage> {
  const width = Number(svg.getAttribute("width"));
  const height = Number(svg.getAttribute("height"));
  const text = new XMLSerializer().serializeToString(svg);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = width * SCALE;
  canvas.height = height * SCALE;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("this browser cannot draw the chart");
  context.scale(SCALE, SCALE);
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("the chart could not be drawn as a picture");
  return { png: await blob.arrayBuffer(), width, height };
}
