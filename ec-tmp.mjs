import * as echarts from "echarts";
const c = echarts.init(null, null, { renderer: "svg", ssr: true, width: 600, height: 240 });
c.setOption({ animation:false, aria:{enabled:true,label:{description:"Connectedness & scores <b>"}}, title:{show:false},
 grid:{left:40,right:16,top:16,bottom:32}, xAxis:{type:"category",data:["2026-11-02","2026-11-03","2026-11-04"]}, yAxis:{type:"value",min:1,max:5,interval:1},
 series:[{type:"bar",data:[3,null,4], markLine:{silent:true,symbol:"none",data:[{yAxis:4,name:"agreed"}],label:{formatter:"agreed 4h"}}}]});
const s=c.renderToSVGString(); console.log(s.length); console.log(s.slice(0,400)); console.log(/<text[^>]*>[^<]*<\/text>/g.exec(s)?.[0]);
