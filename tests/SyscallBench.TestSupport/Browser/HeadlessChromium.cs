using System.Diagnostics;

namespace SyscallBench.TestSupport.Browser;

/// <summary>
/// Runs Debian's chromium headless with no network: a proxy that does not exist and a resolver that
/// resolves nothing, so a page that tried to fetch anything outside itself would fail to.
/// </summary>
public static class HeadlessChromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>SYSCALLBENCH_CHROMIUM, else /usr/bin/chromium; null when neither exists.</summary>
    public static string? Path
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("SYSCALLBENCH_CHROMIUM");
            var candidate = string.IsNullOrEmpty(configured) ? DefaultPath : configured;
            return File.Exists(candidate) ? candidate : null;
        }
    }

    /// <summary>The DOM after the page ran its scripts (virtual time lets Plotly finish drawing).</summary>
    public static string DumpDom(string htmlFile) => Run(["--dump-dom", new Uri(htmlFile).AbsoluteUri]);

    public static void Screenshot(string htmlFile, string pngFile, int width, int height) =>
        Run([$"--screenshot={pngFile}", $"--window-size={width},{height}", new Uri(htmlFile).AbsoluteUri]);

    private static string Run(IEnumerable<string> arguments)
    {
        var profile = Directory.CreateTempSubdirectory("chromium-profile-").FullName;
        try
        {
            var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("chromium is not installed"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                         $"--user-data-dir={profile}", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                         "--virtual-time-budget=15000",
                     }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 90 s");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {stderr.Result}");
            }

            return stdout.Result;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
