/** A reading position over a mangled name: the character steps both Swift grammars (current and ≤ 3) share. */
export class NameCursor {
  readonly text: string;
  pos = 0;

  constructor(text: string) {
    this.text = text;
  }

  peek(): string {
    return this.pos < this.text.length ? this.text.charAt(this.pos) : '';
  }

  next(): string {
    return this.pos < this.text.length ? this.text.charAt(this.pos++) : '';
  }

  nextIf(s: string): boolean {
    if (!this.text.startsWith(s, this.pos)) return false;
    this.pos += s.length;
    return true;
  }

  get empty(): boolean {
    return this.pos >= this.text.length;
  }
}
