# Final validation force RMSE of every 2,000-step water run (seeds-2000.csv), grouped by
# trainer and by whose initial model it started from. Redraw: gnuplot seeds-2000.gp
set terminal pngcairo size 900,520 font ",11"
set output "seeds-2000.png"
set datafile separator ","
set key off
set bmargin 5
set grid ytics
set ylabel "validation force RMSE after 2,000 steps (meV/Å)"
set yrange [230:345]
set xrange [0.4:4.6]
set xtics ("SymLab trains,\nSymLab's init" 1, "SymLab trains,\nDeePMD-kit's init" 2, "DeePMD-kit trains,\nDeePMD-kit's init" 3, "DeePMD-kit trains,\nSymLab's init" 4)
group(t, i) = (t eq "SymLab" ? (i[1:6] eq "SymLab" ? 1 : 2) : (t eq "DeePMD-kit" ? (i[1:6] eq "SymLab" ? 4 : 3) : 1/0))
x(t, i, s) = group(t, i) + 0.035 * (s - 4.5)
set title "se\\_e2\\_a on DeePMD-kit's water example, 2,000 steps: one point per run (label = seed)"
plot "seeds-2000.csv" every ::1 using (x(strcol(1), strcol(2), $3)):5 with points pt 7 ps 1.3 lc rgb "#1f77b4", \
     "" every ::1 using (x(strcol(1), strcol(2), $3)):5:(sprintf("%d", $3)) with labels offset 1.2,0 font ",9" tc rgb "#555555"
