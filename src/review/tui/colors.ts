// One color per model column, shared by the table header, the transcript highlights and the rating rows.
const MODEL_COLORS = [
  "cyan",
  "magenta",
  "green",
  "blue",
  "yellow",
  "red",
  "cyanBright",
  "magentaBright",
  "greenBright",
];

export function modelColor(index: number): string {
  return MODEL_COLORS[index % MODEL_COLORS.length] ?? "white";
}
