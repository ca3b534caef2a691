import { describe, expect, it } from 'vitest';
import { ancestryOf, declaresUserClient, readIigClasses } from '../../src/lint/iig-classes.js';

describe('readIigClasses', () => {
  it('reads class declarations with iig attribute macros and access specifiers', () => {
    const table = readIigClasses([
      { path: 'A.iig', text: 'class LOCALONLY Helper : public OSObject {\n};\nclass KERNEL Driver: public IOUserSerial\n{\n};\nclass Base : virtual public IOService { };' },
    ]);
    expect(table.get('Helper')?.superclass).toBe('OSObject');
    expect(table.get('Driver')?.superclass).toBe('IOUserSerial');
    expect(table.get('Base')?.superclass).toBe('IOService');
  });

  it('ignores declarations inside comments and forward declarations', () => {
    const table = readIigClasses([
      { path: 'B.iig', text: '// class Old : public IOService\n/* class Older : public IOUserClient */\nclass IOService;\nclass Real : public IOUserClient {};' },
    ]);
    expect([...table.keys()]).toEqual(['Real']);
  });
});

describe('ancestryOf', () => {
  const table = readIigClasses([
    { path: 'a.iig', text: 'class Leaf : public Middle {};' },
    { path: 'b.iig', text: 'class Middle : public IOUserSCSIParallelInterfaceController {};\nclass Loop1 : public Loop2 {};\nclass Loop2 : public Loop1 {};' },
  ]);

  it("follows the project's own classes down to the framework class", () => {
    expect(ancestryOf('Leaf', table)).toEqual({ chain: ['Leaf', 'Middle', 'IOUserSCSIParallelInterfaceController'], frameworkBase: 'IOUserSCSIParallelInterfaceController' });
  });

  it('stops on a cycle without a framework base', () => {
    expect(ancestryOf('Loop1', table).frameworkBase).toBeUndefined();
  });

  it('gives no framework base for a class the project does not declare', () => {
    expect(ancestryOf('Missing', table)).toEqual({ chain: ['Missing'] });
  });

  it('finds user clients through intermediate classes', () => {
    expect(declaresUserClient(readIigClasses([{ path: 'c.iig', text: 'class UC : public UCBase {}; class UCBase : public IOUserClient {};' }]))).toBe(true);
    expect(declaresUserClient(table)).toBe(false);
  });
});
