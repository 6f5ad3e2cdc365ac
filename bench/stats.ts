/** The middle value (the upper middle of an even count): benches report medians of runs. */
export const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
