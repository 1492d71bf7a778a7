using Microsoft.FSharp.Core;
using Plotly.NET;

namespace SyscallBench.Reports.Charts;

/// <summary>
/// Sets trace attributes that plotly.js reads but Plotly.NET's C# API does not expose (error bars, zmid,
/// text templates), directly on every trace of a chart.
/// </summary>
internal static class TraceProperties
{
    public static GenericChart With(GenericChart chart, IReadOnlyDictionary<string, object> properties) =>
        GenericChart.mapTrace(FuncConvert.FromFunc<Trace, Trace>(trace =>
        {
            foreach (var (name, value) in properties)
            {
                trace.SetProperty(name, value);
            }

            return trace;
        }), chart);
}
