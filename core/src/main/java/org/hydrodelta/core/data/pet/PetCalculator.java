package org.hydrodelta.core.data.pet;

import java.time.LocalDate;

/**
 * PET formulas over whole daily series. All results in mm/d, negative values clamped to 0, NaN inputs give NaN.
 * Day of year J is 1-based; the solar geometry follows FAO-56 (Allen et al. 1998) as spec §5.2 writes it.
 */
public final class PetCalculator {
    private static final double SOLAR_CONSTANT = 0.0820; // MJ m⁻² min⁻¹
    private static final double STEFAN_BOLTZMANN = 4.903e-9; // MJ K⁻⁴ m⁻² d⁻¹
    private static final double LAMBDA = 2.45; // MJ kg⁻¹, latent heat of vaporisation
    private static final double PT_ALPHA = 1.26;
    private static final double HAMON_K = 1.2; // Lu et al. (2005) calibration coefficient

    private PetCalculator() {
    }

    /**
     * Extraterrestrial radiation (spec §5.2).
     *
     * @param latRad latitude in radians
     * @param doy    day of year, 1..366
     * @return R_a in MJ m⁻² d⁻¹
     */
    public static double extraterrestrialRadiation(double latRad, int doy) {
        double decl = 0.409 * Math.sin(2 * Math.PI * doy / 365.0 - 1.39);
        double ws = sunsetHourAngle(latRad, decl);
        double dr = 1 + 0.033 * Math.cos(2 * Math.PI * doy / 365.0);
        return 24 * 60 / Math.PI * SOLAR_CONSTANT * dr
                * (ws * Math.sin(latRad) * Math.sin(decl) + Math.cos(latRad) * Math.cos(decl) * Math.sin(ws));
    }

    private static double sunsetHourAngle(double latRad, double decl) {
        double x = -Math.tan(latRad) * Math.tan(decl);
        return Math.acos(Math.max(-1, Math.min(1, x)));
    }

    /**
     * Astronomical day length.
     *
     * @param latRad latitude in radians
     * @param doy    day of year
     * @return hours of daylight
     */
    public static double dayLengthHours(double latRad, int doy) {
        double decl = 0.409 * Math.sin(2 * Math.PI * doy / 365.0 - 1.39);
        return 24 / Math.PI * sunsetHourAngle(latRad, decl);
    }

    /**
     * Hargreaves–Samani (spec §5.2): {@code 0.0023 · (Tmean + 17.8) · sqrt(max(Tmax − Tmin, 0)) · 0.408 · R_a}
     * with {@code Tmean = (Tmax + Tmin) / 2}.
     *
     * @param start  date of index 0
     * @param tmax   daily maximum temperature, °C
     * @param tmin   daily minimum temperature, °C
     * @param latDeg latitude, degrees north
     * @return PET, mm/d
     */
    public static float[] hargreaves(LocalDate start, float[] tmax, float[] tmin, double latDeg) {
        double lat = Math.toRadians(latDeg);
        float[] out = new float[tmax.length];
        LocalDate d = start;
        for (int i = 0; i < out.length; i++, d = d.plusDays(1)) {
            double tmean = (tmax[i] + (double) tmin[i]) / 2;
            double range = Math.max(tmax[i] - (double) tmin[i], 0);
            double pet = 0.0023 * (tmean + 17.8) * Math.sqrt(range) * 0.408 * extraterrestrialRadiation(lat, d.getDayOfYear());
            out[i] = (float) (pet < 0 ? 0 : pet);
        }
        return out;
    }

    /**
     * Priestley–Taylor: {@code α Δ/(Δ+γ) R_n / λ} with FAO-56 net radiation (albedo 0.23, net longwave from
     * temperature, vapour pressure and relative shortwave). CAMELS {@code srad} is the daylight-average flux, so
     * the daily total is {@code srad · dayl}.
     *
     * @param start     date of index 0
     * @param tmean     daily mean temperature, °C
     * @param srad      shortwave radiation, W/m² (daylight average when dayl is given, else 24 h average)
     * @param dayl      day length in s, or null for a 24 h average srad
     * @param vp        vapour pressure in Pa, or null (then estimated from tmean as dew point)
     * @param latDeg    latitude, degrees north
     * @param elevation metres above sea level
     * @return PET, mm/d
     */
    public static float[] priestleyTaylor(LocalDate start, float[] tmean, float[] srad, float[] dayl, float[] vp,
            double latDeg, double elevation) {
        double lat = Math.toRadians(latDeg);
        double pressure = 101.3 * Math.pow((293 - 0.0065 * elevation) / 293, 5.26);
        double gamma = 0.000665 * pressure;
        float[] out = new float[tmean.length];
        LocalDate d = start;
        for (int i = 0; i < out.length; i++, d = d.plusDays(1)) {
            double t = tmean[i];
            double rs = srad[i] * (dayl == null ? 86400.0 : dayl[i]) / 1e6;
            double rso = (0.75 + 2e-5 * elevation) * extraterrestrialRadiation(lat, d.getDayOfYear());
            double es = 0.6108 * Math.exp(17.27 * t / (t + 237.3));
            double ea = vp == null ? es : vp[i] / 1000.0;
            double tk = t + 273.16;
            double rel = rso > 0 ? Math.min(rs / rso, 1.0) : 0.5;
            double rnl = STEFAN_BOLTZMANN * tk * tk * tk * tk * (0.34 - 0.14 * Math.sqrt(Math.max(ea, 0)))
                    * (1.35 * rel - 0.35);
            double rn = 0.77 * rs - rnl;
            double delta = 4098 * es / ((t + 237.3) * (t + 237.3));
            double pet = PT_ALPHA * delta / (delta + gamma) * rn / LAMBDA;
            out[i] = (float) (pet < 0 ? 0 : pet);
        }
        return out;
    }

    /**
     * Hamon in the Lu et al. (2005) form: {@code 0.1651 · (L/12) · ρ_sat · 1.2}, with L the day length in hours,
     * {@code ρ_sat = 216.7 · e_sat / (T + 273.3)} (g/m³) and {@code e_sat = 6.108 · exp(17.26939 T / (T + 237.3))}
     * (hPa).
     *
     * @param start  date of index 0
     * @param tmean  daily mean temperature, °C
     * @param dayl   day length in s, or null to compute it from latitude
     * @param latDeg latitude, degrees north (used when dayl is null)
     * @return PET, mm/d
     */
    public static float[] hamon(LocalDate start, float[] tmean, float[] dayl, double latDeg) {
        double lat = Math.toRadians(latDeg);
        float[] out = new float[tmean.length];
        LocalDate d = start;
        for (int i = 0; i < out.length; i++, d = d.plusDays(1)) {
            double t = tmean[i];
            double hours = dayl == null ? dayLengthHours(lat, d.getDayOfYear()) : dayl[i] / 3600.0;
            double esat = 6.108 * Math.exp(17.26939 * t / (t + 237.3));
            double rhosat = 216.7 * esat / (t + 273.3);
            double pet = 0.1651 * (hours / 12.0) * rhosat * HAMON_K;
            out[i] = (float) (pet < 0 ? 0 : pet);
        }
        return out;
    }
}
