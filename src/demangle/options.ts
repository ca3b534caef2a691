/** Output style of demangled names. */
export type DemangleStyle = 'full' | 'simplified';

export interface DemangleOptions {
  /**
   * 'simplified' (default) prints what atos and Xcode show (`closure #1 in Foo.bar()`);
   * 'full' prints what swift-demangle prints (module-qualified, with types).
   */
  style?: DemangleStyle;
}
