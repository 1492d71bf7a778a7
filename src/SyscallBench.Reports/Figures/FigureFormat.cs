namespace SyscallBench.Reports.Figures;

/// <summary>Image format of the chart files written for papers.</summary>
public enum FigureFormat
{
    Png,
    Svg,
}

/// <summary>Parsing and file extensions of <see cref="FigureFormat"/>.</summary>
public static class FigureFormats
{
    /// <summary>"png" or "svg" (any case); null for anything else.</summary>
    public static FigureFormat? Parse(string? text) => text?.ToLowerInvariant() switch
    {
        "png" => FigureFormat.Png,
        "svg" => FigureFormat.Svg,
        _ => null,
    };

    public static string Extension(this FigureFormat format) => format == FigureFormat.Png ? "png" : "svg";
}
