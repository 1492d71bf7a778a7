namespace SyscallBench.Core.Evaluation.OverTime;

/// <summary>
/// What alarms at one threshold give on the test recordings: detection, latency, false alarms per hour, and LID-DS's
/// consecutive-false-alarm counts with its precision and F1.
/// </summary>
/// <param name="Threshold">A window alarms when it scores strictly above this.</param>
/// <param name="AttackRecordings">Attack recordings with a known attack start (the recall's denominator).</param>
/// <param name="Detected">Attack recordings with an alarm at or after the attack start (LID-DS's correct_alarm_count).</param>
/// <param name="Latencies">For each detected recording, in test order: its first alarm at or after the start, minus the start, seconds.</param>
/// <param name="FalseAlarms">Alarming windows in normal recordings or ending before the attack started.</param>
/// <param name="NormalHours">Hours of normal behaviour: normal recordings, and attack recordings before their attack.</param>
/// <param name="ConsecutiveFalseAlarmsNormal">Runs of consecutive false alarms in normal recordings (LID-DS consecutive_false_positives_normal).</param>
/// <param name="ConsecutiveFalseAlarmsAttack">Runs of consecutive false alarms before the attack in attack recordings (..._exploits).</param>
public sealed record AlarmOutcome(
    double Threshold,
    int AttackRecordings,
    int Detected,
    IReadOnlyList<double> Latencies,
    int FalseAlarms,
    double NormalHours,
    int ConsecutiveFalseAlarmsNormal,
    int ConsecutiveFalseAlarmsAttack)
{
    /// <summary>Detected / attack recordings (LID-DS's detection_rate and recall); 0 without attack recordings, as in LID-DS.</summary>
    public double DetectionRate => AttackRecordings == 0 ? 0 : (double)Detected / AttackRecordings;

    /// <summary>False alarms per hour of normal behaviour; 0 when no normal time was observed.</summary>
    public double FalseAlarmsPerHour => NormalHours > 0 ? FalseAlarms / NormalHours : 0;

    public int ConsecutiveFalseAlarms => ConsecutiveFalseAlarmsNormal + ConsecutiveFalseAlarmsAttack;

    /// <summary>LID-DS's precision_with_cfa: detected / (detected + consecutive false alarms); 0 when both are 0, as in LID-DS.</summary>
    public double PrecisionCfa => Detected + ConsecutiveFalseAlarms == 0 ? 0 : (double)Detected / (Detected + ConsecutiveFalseAlarms);

    /// <summary>LID-DS's f1_cfa: the harmonic mean of <see cref="PrecisionCfa"/> and <see cref="DetectionRate"/>; 0 when both are 0.</summary>
    public double F1Cfa => PrecisionCfa + DetectionRate == 0 ? 0 : 2 * PrecisionCfa * DetectionRate / (PrecisionCfa + DetectionRate);

    public double? LatencyMedian => Quantiles.Linear(Latencies, 0.5);

    public double? LatencyP90 => Quantiles.Linear(Latencies, 0.9);

    /// <summary>
    /// Counts alarms at <paramref name="threshold"/> over the test recordings, following LID-DS's Performance class with
    /// windows where it has system calls: each recording's windows in time order; an alarm at or after the attack start
    /// detects the recording (once, however many follow); an alarm in a normal recording or before the attack is a false
    /// alarm, and a run of them ended by a window without alarm, by an alarm after the attack start or by the recording's
    /// end is one consecutive false alarm. Attack recordings without a known start are left out.
    /// </summary>
    public static AlarmOutcome At(IReadOnlyList<ScoredRecording> test, double threshold)
    {
        var attacks = 0;
        var detected = 0;
        var latencies = new List<double>();
        var falseAlarms = 0;
        var normalSeconds = 0.0;
        var runsNormal = 0;
        var runsAttack = 0;
        foreach (var recording in test)
        {
            if (recording.IsAttack && recording.AttackStart is null)
            {
                continue;
            }

            normalSeconds += recording.NormalSeconds;
            attacks += recording.IsAttack ? 1 : 0;
            var inRun = false;
            var found = false;
            for (var w = 0; w < recording.Scores.Length; w++)
            {
                var alarm = recording.Scores[w] > threshold;
                var falseAlarm = alarm && recording.IsBeforeAttack(w);
                if (falseAlarm)
                {
                    falseAlarms++;
                    if (!inRun)
                    {
                        inRun = true;
                        _ = recording.IsAttack ? runsAttack++ : runsNormal++;
                    }
                }
                else
                {
                    inRun = false;
                }

                if (alarm && !falseAlarm && !found)
                {
                    found = true;
                    detected++;
                    latencies.Add(recording.WindowEnds[w] - recording.AttackStart!.Value);
                }
            }
        }

        return new AlarmOutcome(threshold, attacks, detected, latencies, falseAlarms, normalSeconds / 3600, runsNormal, runsAttack);
    }
}
