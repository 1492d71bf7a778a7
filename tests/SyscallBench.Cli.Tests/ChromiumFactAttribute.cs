namespace SyscallBench.Cli.Tests;

/// <summary>A fact that runs only where headless Chromium is installed, and says so when skipped.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        var configured = Environment.GetEnvironmentVariable("SYSCALLBENCH_CHROMIUM");
        if (!File.Exists(string.IsNullOrEmpty(configured) ? "/usr/bin/chromium" : configured))
        {
            Skip = "Headless chromium not found at /usr/bin/chromium (or SYSCALLBENCH_CHROMIUM); install Debian's 'chromium' package to check --figures.";
        }
    }
}
