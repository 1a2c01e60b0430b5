(function(){"use strict";const id=5555;const ids=[5555];const modules={5555:(t,n,o)=>{o.r(n),o.d(n,{Agent:()=>r.a,EnvHttpProxyAgent:()=>x.a,Pool:()=>d.a,ProxyAgent:()=>i.a});var e=o(7405),r=o.n(e),s=o(883),a=o.n(s),p=o(3137),x=o.n(p),c=o(628),d=o.n(c),g=o(6672),i=o.n(g),y=o(6615);Object.assign(a().prototype,y)}};;return{id,ids,modules}})()
//# heraldChunkHash=75bba46b5086261c9b5d428f
