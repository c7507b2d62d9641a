namespace Ziggie.Backend.Quotas;

public static class QuotaRegistration
{
    public static IHostApplicationBuilder AddZiggieQuotas(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<QuotaOptions>().BindConfiguration(QuotaOptions.Section)
            .Validate(QuotaOptions.IsValid, QuotaOptions.Invalid).ValidateOnStart();
        builder.Services.AddSingleton<QuotaLedger>();
        return builder;
    }
}
