/** A reference to a column by name. */
export interface ColNode { readonly kind: "col"; readonly name: string }
export const colNode = (name: string): ColNode => Object.freeze({ kind: "col", name });
