using System.Diagnostics;

namespace SyscallBench.Reports.Figures;

/// <summary>
/// Runs headless Chromium on a local page with no network (a proxy that does not exist, a resolver that
/// resolves nothing) and returns the DOM after the page's scripts ran (--dump-dom).
/// </summary>
internal static class ChromiumRenderer
{
    public const string DefaultPath = "/usr/bin/chromium";

    public const string PathVariable = "SYSCALLBENCH_CHROMIUM";

    /// <summary>$SYSCALLBENCH_CHROMIUM when set, else /usr/bin/chromium; null when that file does not exist.</summary>
    public static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        var candidate = string.IsNullOrEmpty(configured) ? DefaultPath : configured;
        return File.Exists(candidate) ? candidate : null;
    }

    /// <summary>The explicit path when given and present, else <see cref="Locate"/>.</summary>
    /// <exception cref="ChromiumNotFoundException">No Chromium where it was looked for; the message says how to install it.</exception>
    public static string Resolve(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? explicitPath : throw NotFound(explicitPath);
        }

        return Locate() ?? throw NotFound(null);
    }

    /// <exception cref="InvalidOperationException">Chromium failed or timed out.</exception>
    public static string DumpDom(string chromium, string htmlFile, TimeSpan timeout)
    {
        var profile = Directory.CreateTempSubdirectory("syscallbench-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(chromium)
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
                         "--virtual-time-budget=60000", "--dump-dom", new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri,
                     })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{chromium} did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{chromium} did not finish rendering the figures within {timeout.TotalSeconds:0} s.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{chromium} exited with code {process.ExitCode}: {stderr.Result.Trim()}");
            }

            return stdout.Result;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    private static ChromiumNotFoundException NotFound(string? explicitPath)
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        var where = explicitPath
            ?? (string.IsNullOrEmpty(configured) ? $"{DefaultPath} (and {PathVariable} is not set)" : $"{configured} (from {PathVariable})");
        return new ChromiumNotFoundException(
            $"figures need headless Chromium, which was not found at {where}. Install it with `apt-get install chromium` "
            + $"(Debian/Ubuntu) or set {PathVariable} to a Chromium or Chrome executable.");
    }
}
