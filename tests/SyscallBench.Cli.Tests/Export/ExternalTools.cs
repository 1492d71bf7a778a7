using System.Diagnostics;

namespace SyscallBench.Cli.Tests.Export;

/// <summary>The tools students open exported files with, found where Debian installs them, or why not.</summary>
internal static class ExternalTools
{
    public const string Python = "/usr/bin/python3";

    public const string WekaJar = "/usr/share/java/weka.jar";

    /// <summary>Null when /usr/bin/python3 imports sklearn; else why not and how to get it.</summary>
    public static string? WhyNoScikitLearn()
    {
        const string remedy = "apt-get install python3-sklearn (.ci/run does) to check exported files with scikit-learn.";
        if (!File.Exists(Python))
        {
            return $"{Python} not found; {remedy}";
        }

        return Succeeds(Python, "-c", "import sklearn") ? null : $"{Python} cannot import sklearn; {remedy}";
    }

    /// <summary>Null when java runs and WEKA's jar is installed; else why not and how to get them.</summary>
    public static string? WhyNoWeka()
    {
        const string remedy = "apt-get install weka (WEKA 3.6 with a Java runtime; .ci/run does) to open exported ARFF files in WEKA.";
        if (!File.Exists(WekaJar))
        {
            return $"{WekaJar} not found; {remedy}";
        }

        return Succeeds("java", "-version") ? null : $"java does not run; {remedy}";
    }

    private static bool Succeeds(string program, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>A fact that needs scikit-learn; skipped, saying why, without it.</summary>
public sealed class ScikitLearnFactAttribute : FactAttribute
{
    public ScikitLearnFactAttribute() => Skip = ExternalTools.WhyNoScikitLearn();
}

/// <summary>A fact that needs WEKA; skipped, saying why, without it.</summary>
public sealed class WekaFactAttribute : FactAttribute
{
    public WekaFactAttribute() => Skip = ExternalTools.WhyNoWeka();
}
