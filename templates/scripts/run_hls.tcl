# run_hls.tcl: Vitis HLS, classic flow, for the eecc design described in options.tcl.
#   vitis_hls -f run_hls.tcl                  (Vitis HLS 2023.x)
#   vitis-run --mode hls --tcl run_hls.tcl    (Vitis 2024.1+)
# Tcl arguments cannot be passed through vitis-run: the settings are in options.tcl,
# and the environment may override two of them: EECC_COSIM=1 adds C/RTL co-simulation,
# EECC_SKIP_CSIM=1 skips the C-simulation.
set script_dir [file dirname [file normalize [info script]]]
source [file join $script_dir options.tcl]
set root [file normalize [file join $script_dir ..]]
set hls_dir [file join $root hls]
set build_dir [file join $root build]
file mkdir $build_dir
cd $build_dir

set cosim $eecc(cosim)
if {[info exists ::env(EECC_COSIM)]} { set cosim $::env(EECC_COSIM) }
set csim [expr {[llength $eecc(test_data)] > 0}]
if {[info exists ::env(EECC_SKIP_CSIM)] && $::env(EECC_SKIP_CSIM)} { set csim 0 }

open_project -reset $eecc(hls_project)
set_top $eecc(top)
foreach source $eecc(hls_sources) {
  add_files [file join $hls_dir $source] -cflags $eecc(hls_cflags)
}
foreach header $eecc(hls_headers) {
  add_files [file join $hls_dir $header]
}
add_files -tb [file join $root csim tb.cpp] -cflags $eecc(hls_cflags)
foreach data $eecc(test_data) {
  add_files -tb [file join $root data $data]
}
open_solution -reset -flow_target vivado solution1
set_part $eecc(part)
create_clock -period $eecc(clock_ns) -name default

# The testbench checks every answer against the reference interpreter's (test_expected.bin)
# and fails the run on a mismatch.
set argv_tb "--input [lindex $eecc(test_data) 0] --count $eecc(test_count) --output csim_result.json --expected [lindex $eecc(test_data) 1]"
if {$csim} {
  csim_design -argv $argv_tb
}
csynth_design
if {$cosim} {
  if {!$csim} { error "eecc: co-simulation needs the test samples (compile with --test-input)" }
  cosim_design -argv $argv_tb -rtl verilog
}
file mkdir [file dirname $eecc(ip_zip)]
export_design -format ip_catalog -rtl verilog -vendor $eecc(ip_vendor) -library $eecc(ip_library) \
  -version $eecc(ip_version) -ipname $eecc(top) -output [file join $root $eecc(ip_zip)]
close_project
exit
