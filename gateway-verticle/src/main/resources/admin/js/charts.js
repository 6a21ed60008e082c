// Charts with ECharts (served by the gateway from its webjar at vendor/echarts.min.js), loaded on
// first use only. Tooltips are drawn on the canvas (renderMode richText): the console's CSP
// refuses the inline styles of ECharts' HTML tooltips.
let loading = null;

function library() {
  if (window.echarts) {
    return Promise.resolve(window.echarts);
  }
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = 'vendor/echarts.min.js';
      script.onload = () => resolve(window.echarts);
      script.onerror = () => {
        loading = null;
        script.remove();
        reject(Object.assign(new Error('The chart library could not be loaded'), { status: 0 }));
      };
      document.head.append(script);
    });
  }
  return loading;
}

/**
 * Draws `option` in `el` (which must be in the document, with a size); the chart follows the
 * window's size and is disposed of when the page is left (`ctx.onLeave`).
 */
export async function drawChart(el, option, ctx) {
  const echarts = await library();
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  chart.setOption({
    aria: { enabled: true },
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif' },
    ...option,
    tooltip: { renderMode: 'richText', ...(option.tooltip || {}) },
  });
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  ctx.onLeave(() => {
    window.removeEventListener('resize', resize);
    chart.dispose();
  });
  return chart;
}
