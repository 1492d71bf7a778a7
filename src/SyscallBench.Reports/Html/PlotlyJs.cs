using System.Reflection;

namespace SyscallBench.Reports.Html;

/// <summary>
/// The plotly.js library that ships inside the Plotly.NET package (the same file Plotly.NET inlines for
/// <c>PlotlyJSReference.Full</c>), read from its embedded resource so the report needs no network.
/// </summary>
internal static class PlotlyJs
{
    private static readonly Lazy<(string Version, string Source)> Bundle = new(Load);

    /// <summary>The plotly.js version, e.g. "2.28.0".</summary>
    public static string Version => Bundle.Value.Version;

    /// <summary>The minified library text.</summary>
    public static string Source => Bundle.Value.Source;

    private static (string Version, string Source) Load()
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        // The resource is named "Plotly.NET.plotly-<version>.min.js"; its license file ends differently.
        const string prefix = "Plotly.NET.plotly-", suffix = ".min.js";
        var name = assembly.GetManifestResourceNames()
            .SingleOrDefault(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(suffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException(
                $"Plotly.NET {assembly.GetName().Version} carries no embedded plotly.min.js resource; the offline report cannot embed plotly.js.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return (name[prefix.Length..^suffix.Length], reader.ReadToEnd());
    }
}
