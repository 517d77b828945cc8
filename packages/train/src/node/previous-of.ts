/** The folder that holds the previous complete checkpoint of `dir`: `runs/x/latest.prev`. */
export const previousOf = (dir: string): string => `${dir}.prev`;
