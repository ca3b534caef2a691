import { readFileSync, readdirSync } from 'node:fs';
import sm from 'source-map-js';
const dir = process.argv[2];
const map = new sm.SourceMapConsumer(JSON.parse(readFileSync('/work/main/dist/cli/paniclens.cjs.map','utf8')));
const files = readdirSync(dir).filter(x=>x.endsWith('.cpuprofile'));
const incl = new Map(); const self = new Map(); let total=0;
for (const f of files) {
const p = JSON.parse(readFileSync(dir+'/'+f));
const byId = new Map(p.nodes.map(n=>[n.id,n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children||[]) parent.set(c,n.id);
const name = (n) => { const cf=n.callFrame; if (cf.url.endsWith('paniclens.cjs')) { const o = map.originalPositionFor({line: cf.lineNumber+1, column: cf.columnNumber}); return (o.name||cf.functionName||'(anon)')+' '+(o.source||'').replace(/^.*src\//,'')+':'+o.line; } return cf.functionName+' '+cf.url.split('/').slice(-1)[0]; };
const counts = new Map(); for (const s of p.samples) counts.set(s,(counts.get(s)||0)+1);
for (const [id,c] of counts){ total+=c; const k=name(byId.get(id)); self.set(k,(self.get(k)||0)+c); const seen=new Set(); let x=id; while(x!==undefined){const kk=name(byId.get(x)); if(!seen.has(kk)){seen.add(kk); incl.set(kk,(incl.get(kk)||0)+c);} x=parent.get(x);} }
}
const N=+process.argv[3]||40;
console.log('INCL'); for (const [k,v] of [...incl].sort((a,b)=>b[1]-a[1]).slice(0,N)) console.log((100*v/total).toFixed(1).padStart(5), k);
console.log('SELF'); for (const [k,v] of [...self].sort((a,b)=>b[1]-a[1]).slice(0,25)) console.log((100*v/total).toFixed(1).padStart(5), k);
