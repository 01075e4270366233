package com.ethiq.app.config;

/** Which implementation backs an outgoing vendor port. */
public enum VendorMode { REAL, SIMULATED, NONE }
